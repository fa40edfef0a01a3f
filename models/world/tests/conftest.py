import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the repo root, so `models.world` imports
torch.set_num_threads(1)
