"""Storage-less cinder volume driver for the ostack devcloud.

cinder's own FakeLoggingVolumeDriver (shipped in the cinder wheel) creates,
deletes and snapshots nothing, but hands out iSCSI connection info without a
target, so anything that attaches a volume on the cinder host (backup,
restore) fails.  This subclass hands out a "local" connection to /dev/null
instead: os-brick's local connector needs no privileges, reading gives no
bytes and writes are discarded.  With a backup driver that stores nothing,
backups and restores then complete.  Nova's fake virt driver ignores the
connection info, so attaching to servers works as before.
"""

from cinder.tests import fake_driver

NULL_CONNECTION = {"driver_volume_type": "local",
                   "data": {"device_path": "/dev/null"}}


class NullDeviceVolumeDriver(fake_driver.FakeLoggingVolumeDriver):
    """FakeLoggingVolumeDriver whose volumes attach locally as /dev/null."""

    def initialize_connection(self, volume, connector):
        info = super().initialize_connection(volume, connector)
        data = dict(NULL_CONNECTION["data"], **info.get("data", {}))
        return {"driver_volume_type": "local", "data": data}

    def initialize_connection_snapshot(self, snapshot, connector):
        return {"driver_volume_type": "local",
                "data": dict(NULL_CONNECTION["data"])}

    def validate_connector(self, connector):
        # The LVM parent wants an iSCSI initiator name; a local attach needs
        # nothing from the connector.
        pass
