"""Reading what the narrative states: numbers and percentages with their offsets (``prose``), the
sentences of change, budget and count (``sentences``) and the headline figures (``stated``). Readers
read here; the rules judge what they return."""
