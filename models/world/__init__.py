"""A small Genie trained on CPU: procedural clips, an FSQ video tokenizer, a latent action model learned
without labels, MaskGIT dynamics, and latent actions named after training for a viewer's d-pad.

Read in this order: agent.py → paint.py → drama.py, games.py → data.py → blocks.py → tokenizer.py →
latent_actions.py → lam_training.py → dynamics.py → batches.py → train.py (the command); then
evaluate.py, steer.py and metrics.py (the report's figures), held_out.py (the pictures no training clip
comes from), pictures.py and report.py (models/REPORT.md), export.py (the ONNX files the runtime runs).
"""
