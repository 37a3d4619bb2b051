"""The refinement network on top of the mesh-warp render (issue #15): model, data, training, export."""
