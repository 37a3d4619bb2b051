"""3D operations written only with ops ONNX Runtime's WebGPU provider runs: Conv3d as 2D convs over depth slabs,
trilinear volume sampling as Gather plus arithmetic (no 5D GridSample), depth-preserving pooling and upsampling."""
from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F


class SlabConv3d(nn.Module):
    """A k x k x k 3D convolution (padding k//2) computed as one Conv2d over depth-shifted slabs stacked on channels.

    Exactly a Conv3d: output slab d sees input slabs d-k//2 .. d+k//2, each with its own 2D kernel; stacking those
    slabs on the channel axis turns the sum over depth taps into the channel sum of a single Conv2d. Exported, it is
    Pad/Slice/Concat/Transpose/Reshape/Conv(4D) only.
    """

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int = 3, bias: bool = True):
        super().__init__()
        self.in_channels = in_channels
        self.out_channels = out_channels
        self.kd = kernel_size
        self.conv = nn.Conv2d(in_channels * kernel_size, out_channels, kernel_size, padding=kernel_size // 2, bias=bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        n, c, d, h, w = x.shape
        if self.kd > 1:
            p = self.kd // 2
            x = F.pad(x, (0, 0, 0, 0, p, p))
            x = torch.cat([x[:, :, i:i + d] for i in range(self.kd)], dim=1)
        slabs = x.permute(0, 2, 1, 3, 4).reshape(n * d, c * self.kd, h, w)
        y = self.conv(slabs)
        return y.reshape(n, d, self.out_channels, h, w).permute(0, 2, 1, 3, 4)

    def load_from_conv3d(self, conv3d: nn.Conv3d) -> None:
        """Copies a Conv3d's weights (for the equivalence check)."""
        wt = conv3d.weight.data  # (out, in, kd, kh, kw) -> (out, kd*in, kh, kw), depth tap major as in forward
        self.conv.weight.data.copy_(wt.permute(0, 2, 1, 3, 4).reshape(self.out_channels, self.kd * self.in_channels, *wt.shape[3:]))
        if conv3d.bias is not None:
            self.conv.bias.data.copy_(conv3d.bias.data)


class SlabBatchNorm(nn.Module):
    """BatchNorm over (N, C, D, H, W) with per-channel statistics, as BatchNorm3d, run as a 4D BatchNorm on slabs."""

    def __init__(self, channels: int):
        super().__init__()
        self.bn = nn.BatchNorm2d(channels)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        n, c, d, h, w = x.shape
        y = self.bn(x.permute(0, 2, 1, 3, 4).reshape(n * d, c, h, w))
        return y.reshape(n, d, c, h, w).permute(0, 2, 1, 3, 4)


def pool_hw(x: torch.Tensor) -> torch.Tensor:
    """AvgPool3d with kernel (1, 2, 2): halves H and W, keeps depth (face-vid2vid's DownBlock3d)."""
    n, c, d, h, w = x.shape
    y = F.avg_pool2d(x.reshape(n, c * d, h, w), 2)
    return y.reshape(n, c, d, h // 2, w // 2)


def upsample_hw(x: torch.Tensor) -> torch.Tensor:
    """Nearest upsampling by (1, 2, 2) as a 4D Resize."""
    n, c, d, h, w = x.shape
    y = F.interpolate(x.reshape(n, c * d, h, w), scale_factor=2.0, mode="nearest")
    return y.reshape(n, c, d, h * 2, w * 2)


def identity_grid(d: int, h: int, w: int, device=None) -> torch.Tensor:
    """(D, H, W, 3) normalized voxel-centre coordinates (x, y, z) in (-1, 1), the align_corners=False convention."""
    zs = (torch.arange(d, dtype=torch.float32, device=device) * 2 + 1) / d - 1
    ys = (torch.arange(h, dtype=torch.float32, device=device) * 2 + 1) / h - 1
    xs = (torch.arange(w, dtype=torch.float32, device=device) * 2 + 1) / w - 1
    z, y, x = torch.meshgrid(zs, ys, xs, indexing="ij")
    return torch.stack([x, y, z], dim=-1)


def _inside(index: torch.Tensor, size: int) -> torch.Tensor:
    """1 where the integer-valued `index` lies in [0, size-1], else 0, with Relu/Clip only (no comparisons, no bool)."""
    return torch.clamp(1 - torch.relu(-index) - torch.relu(index - (size - 1)), 0, 1)


def sample_volume(volume: torch.Tensor, grid: torch.Tensor) -> torch.Tensor:
    """Trilinear sampling of `volume` (N, C, D, H, W) at `grid` (N, Do, Ho, Wo, 3) with (x, y, z) in [-1, 1].

    Same result as F.grid_sample(volume, grid, mode='bilinear', padding_mode='zeros', align_corners=False), but built
    from Floor, Relu, Clip, one Cast per corner and a single-axis Gather on a (N*D*H*W, C) table, which every ONNX Runtime provider
    runs (the WebGPU provider has GridSample for 4D inputs only).
    """
    n, c, d, h, w = volume.shape
    _, do, ho, wo, _ = grid.shape
    table = volume.permute(0, 2, 3, 4, 1).reshape(n * d * h * w, c)
    # Continuous voxel coordinates, voxel centres at integers.
    fx = (grid[..., 0] + 1) * (w * 0.5) - 0.5
    fy = (grid[..., 1] + 1) * (h * 0.5) - 0.5
    fz = (grid[..., 2] + 1) * (d * 0.5) - 0.5
    x0 = torch.floor(fx)
    y0 = torch.floor(fy)
    z0 = torch.floor(fz)
    tx = fx - x0
    ty = fy - y0
    tz = fz - z0
    # Float indices are exact below 2^24 table rows (every exported graph: batch 1); larger training batches add
    # the batch offset in int64 instead, which the exported graphs never contain.
    wide = n * d * h * w >= 2 ** 24
    batch_base = (torch.arange(n, dtype=torch.float32, device=volume.device) * float(d * h * w)).reshape(n, 1, 1, 1)
    if wide:
        batch_base_long = (torch.arange(n, device=volume.device) * (d * h * w)).reshape(n, 1, 1, 1).expand(n, do, ho, wo).reshape(-1)
    out = None
    for dz in (0, 1):
        zi = z0 + dz
        wz = tz if dz else 1 - tz
        vz = _inside(zi, d)
        zc = torch.clamp(zi, 0, d - 1)
        for dy in (0, 1):
            yi = y0 + dy
            wy = ty if dy else 1 - ty
            vy = _inside(yi, h)
            yc = torch.clamp(yi, 0, h - 1)
            for dx in (0, 1):
                xi = x0 + dx
                wx = tx if dx else 1 - tx
                vx = _inside(xi, w)
                xc = torch.clamp(xi, 0, w - 1)
                # Integer-valued float index (exact below 2^24 entries), cast once for the Gather.
                if wide:
                    index = ((zc * h + yc) * w + xc).reshape(-1).long() + batch_base_long
                else:
                    index = (batch_base + (zc * h + yc) * w + xc).reshape(-1).to(torch.int32)
                weight = (wx * wy * wz * vx * vy * vz).reshape(-1, 1)
                term = torch.index_select(table, 0, index) * weight
                out = term if out is None else out + term
    return out.reshape(n, do, ho, wo, c).permute(0, 4, 1, 2, 3)
