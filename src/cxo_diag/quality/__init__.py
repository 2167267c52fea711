"""Instrument quality: is the bank measuring well? Reliability analysis of real answers
(``analysis``), simulated pilots that prove the machinery (``pilot``), and local norms that
place an engagement among earlier ones of the same bank (``norms``)."""
