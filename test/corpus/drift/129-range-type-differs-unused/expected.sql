CREATE TYPE textrange AS RANGE (subtype = text, collation = "C", multirange_type_name = textranges);
