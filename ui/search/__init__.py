"""The clerk's search screen: results model, the item guide and its panel."""
