"""A small Genie trained on CPU: procedural data, FSQ video tokenizer, latent action model, MaskGIT dynamics.

Read in this order: data.py → blocks.py → tokenizer.py → latent_actions.py → dynamics.py → train.py
(evaluate.py and export.py are called at the end of train.py).
"""
