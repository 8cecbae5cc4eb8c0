"""Cases at the counter: the case dialog, applicant form, materials list, result panel and the
case records view."""
