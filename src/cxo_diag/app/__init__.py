"""The application layer: the use cases the front ends call, over banks, store and scoring.

One module per group of use cases; plain data in and out, and nothing here prints. A front
end (the CLI today) parses, calls one of these and renders what it returns.
"""
