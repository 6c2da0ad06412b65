"""Pure extractors: bytes/str in, frozen dataclasses out. No I/O, no clock, no global state.

Each extractor module carries a ``VERSION`` string; warehouse rows record which version made them.
"""
