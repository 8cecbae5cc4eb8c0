"""The Qt renderer of the papers: PDF and print preview (QtGui and QtPrintSupport), fonts, and
the PDF text-map fix."""
