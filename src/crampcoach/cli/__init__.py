"""The command line: parse input, call the library, render the result."""
