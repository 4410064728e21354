"""A learned claim scorer: logistic regression over features of a rule's claim (issue #13, point 5).

`features.claim_features` describes a claim as the rules drew it; `scorer.LearnedScorer` turns those features
into a probability with weights shipped as JSON (`data/claim_scorer.json`), in plain Python; `hook.rescore`
is the one call `DocumentRun._add` makes. Training (`train.py`) is a development step and the only place
scikit-learn is imported.
"""
