"""One module per question; each is a pure function: Network (or graph) in, result out."""
