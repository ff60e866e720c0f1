"""Tiny drivers that let the ostack devcloud run without a data plane.

- devcloud_drivers.ml2: neutron ML2 mechanism driver ``devcloud_bind``.
- devcloud_drivers.cinder: cinder volume driver without storage.
"""
