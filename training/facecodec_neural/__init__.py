"""facecodec neural decoder: the paper's face-vid2vid-style model with FLAME keypoints and an expression-aware generator."""
