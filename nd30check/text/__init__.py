"""Vietnamese text knowledge shared by structure recognition, checks and signatures: accent
folding, the Số and date grammars, name matching, legacy encodings. One copy of each."""
