"""File-backed cinder volume driver for the ostack devcloud.

Each volume is a sparse file ``<dir>/volume-<id>`` and each snapshot a sparse
copy ``<dir>/snapshot-<id>`` in a data directory (``devcloud_file_dir``, one
per backend).  Volumes attach through os-brick's "local" connector with the
file's path, so cinder's own generic code moves real bytes: create from an
image (qemu-img convert into the file), upload to an image (the file is read),
backup and restore (cinder-backup opens the file), and generic migration (dd).
Clones, snapshots, volumes from snapshots, reverts and extends are sparse file
copies and truncations done here; migration between two backends of this
driver on the same host is a rename.

Why files and not cinder's LVM driver on a loop device, as devstack does: the
devcloud's kernel has no device-mapper (``dmsetup version``: "/dev/mapper/
control: open failed: No such device", no kernel modules to load), so LVM
cannot activate logical volumes there.  Loop devices would work, but a plain
file needs nothing from the kernel at all.

The services run as root, so commands cinder runs "as root" (qemu-img, dd)
run directly (oslo.concurrency adds no root helper for euid 0).  Nova's fake
virt driver ignores the connection info: servers "see" attached volumes only
through the API.
"""

import math
import os
import subprocess

from glanceclient.common import http as glance_http
from oslo_config import cfg
from oslo_log import log as logging
from oslo_utils import units

from cinder import exception
from cinder.image import image_utils
from cinder.volume import configuration
from cinder.volume import driver
from cinder.volume import volume_utils

LOG = logging.getLogger(__name__)

# glanceclient sends image data in chunks of 1 MiB; the devcloud's glance
# (uwsgi --http-chunked-input) refuses chunks over uwsgi's chunked-input-limit
# ("unable to receive chunked part"), so uploads to images from this process
# (the cinder-volume that loads this driver) go in 512 KiB chunks.
glance_http.CHUNKSIZE = 512 * units.Ki

file_opts = [
    cfg.StrOpt('devcloud_file_dir',
               help='Directory holding the volume and snapshot files of '
                    'this backend (default: $state_path/volumes/<backend>).'),
]
cfg.CONF.register_opts(file_opts, group=configuration.SHARED_CONF_GROUP)

LOCATION_PREFIX = 'DevcloudFileDriver'


def _sparse_copy(src, dst):
    """Copy ``src`` to ``dst`` keeping holes (reflink where the fs can)."""
    subprocess.run(['cp', '--sparse=always', '--reflink=auto', src, dst],
                   check=True, capture_output=True)


class FileVolumeDriver(driver.VolumeDriver):
    """Volumes as sparse files in a directory, attached by path."""

    VERSION = '1.0.0'
    # Not a real third-party CI'd driver; cinder only logs this.
    CI_WIKI_NAME = 'ostack-devcloud'

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.configuration.append_config_values(file_opts)
        self.backend_name = (self.configuration.safe_get('volume_backend_name')
                             or 'file')
        self._dir = (self.configuration.safe_get('devcloud_file_dir')
                     or os.path.join(cfg.CONF.state_path, 'volumes',
                                     self.backend_name))

    # ------------------------------------------------------------ paths
    def _volume_path(self, volume):
        return os.path.join(self._dir, volume.name)

    def _snapshot_path(self, snapshot):
        return os.path.join(self._dir, snapshot.name)

    def local_path(self, volume):
        return self._volume_path(volume)

    def _resize(self, path, size_gb):
        """Grow the file to ``size_gb`` GiB (never shrinks it)."""
        wanted = int(size_gb) * units.Gi
        if os.path.getsize(path) < wanted:
            os.truncate(path, wanted)

    def _fix_length(self, volume):
        """Give the file its volume's length again.

        Writers that open the "device" with ``open(path, 'wb')`` (a backup
        restore) truncate a file where a block device keeps its size; the
        length comes back whenever the volume is attached or detached.
        """
        path = self._volume_path(volume)
        if os.path.isfile(path):
            self._resize(path, volume.size)

    # ------------------------------------------------------------ setup
    def do_setup(self, context):
        os.makedirs(self._dir, exist_ok=True)

    def check_for_setup_error(self):
        if not os.access(self._dir, os.W_OK):
            raise exception.VolumeBackendAPIException(
                data='%s is not a writable directory' % self._dir)

    def _update_volume_stats(self):
        fs = os.statvfs(self._dir)
        provisioned = 0
        for entry in os.scandir(self._dir):
            if entry.is_file():
                provisioned += entry.stat().st_size
        location = '%s:%s:%s' % (LOCATION_PREFIX, cfg.CONF.host, self._dir)
        pool = {
            'pool_name': self.backend_name,
            'total_capacity_gb': round(fs.f_blocks * fs.f_frsize / units.Gi,
                                       2),
            'free_capacity_gb': round(fs.f_bavail * fs.f_frsize / units.Gi, 2),
            'provisioned_capacity_gb': round(provisioned / units.Gi, 2),
            'reserved_percentage': 0,
            'max_over_subscription_ratio': 20.0,
            'thin_provisioning_support': True,
            'thick_provisioning_support': False,
            'multiattach': True,
            'QoS_support': False,
            'sparse_copy_volume': True,
            'location_info': location,
            'backend_state': 'up',
        }
        self._stats = {
            'volume_backend_name': self.backend_name,
            'vendor_name': 'ostack devcloud',
            'driver_version': self.VERSION,
            'storage_protocol': 'file',
            'pools': [pool],
        }

    # ------------------------------------------------------------ volumes
    def create_volume(self, volume):
        path = self._volume_path(volume)
        with open(path, 'xb'):
            pass
        os.truncate(path, int(volume.size) * units.Gi)

    def delete_volume(self, volume):
        # Volumes from before this driver (or half-created ones) have no file.
        try:
            os.remove(self._volume_path(volume))
        except FileNotFoundError:
            LOG.info('volume %s had no file', volume.id)

    def create_cloned_volume(self, volume, src_vref):
        self._fix_length(src_vref)
        path = self._volume_path(volume)
        _sparse_copy(self._volume_path(src_vref), path)
        self._resize(path, volume.size)

    def extend_volume(self, volume, new_size):
        self._resize(self._volume_path(volume), new_size)

    def copy_image_to_volume(self, context, volume, image_service, image_id,
                             disable_sparse=False):
        path = self._volume_path(volume)
        image_utils.fetch_to_raw(context, image_service, image_id, path,
                                 self.configuration.volume_dd_blocksize,
                                 size=volume.size, run_as_root=False,
                                 disable_sparse=disable_sparse)
        # qemu-img convert made the file as large as the image: back to the
        # volume's size.
        self._resize(path, volume.size)

    def copy_volume_to_image(self, context, volume, image_service, image_meta):
        self._fix_length(volume)
        volume_utils.upload_volume(context, image_service, image_meta,
                                   self._volume_path(volume), volume,
                                   run_as_root=False)

    def retype(self, context, volume, new_type, diff, host):
        # Any type this backend was chosen for fits: nothing to change.
        return True, None

    def migrate_volume(self, context, volume, host):
        """Move the file to another backend of this driver on this host."""
        location = host.get('capabilities', {}).get('location_info') or ''
        parts = location.split(':', 2)
        if (len(parts) != 3 or parts[0] != LOCATION_PREFIX
                or parts[1] != cfg.CONF.host or parts[2] == self._dir):
            return False, None
        if volume.status not in ('available', 'maintenance'):
            return False, None
        self._fix_length(volume)
        os.makedirs(parts[2], exist_ok=True)
        os.rename(self._volume_path(volume),
                  os.path.join(parts[2], volume.name))
        return True, None

    def revert_to_snapshot(self, context, volume, snapshot):
        path = self._volume_path(volume)
        tmp = path + '.revert'
        _sparse_copy(self._snapshot_path(snapshot), tmp)
        self._resize(tmp, volume.size)
        os.replace(tmp, path)

    def snapshot_revert_use_temp_snapshot(self):
        # The revert above is atomic (a rename): no safety snapshot needed.
        return False

    # ------------------------------------------------------------ snapshots
    def create_snapshot(self, snapshot):
        self._fix_length(snapshot.volume)
        _sparse_copy(self._volume_path(snapshot.volume),
                     self._snapshot_path(snapshot))

    def delete_snapshot(self, snapshot):
        try:
            os.remove(self._snapshot_path(snapshot))
        except FileNotFoundError:
            LOG.info('snapshot %s had no file', snapshot.id)

    def create_volume_from_snapshot(self, volume, snapshot):
        path = self._volume_path(volume)
        _sparse_copy(self._snapshot_path(snapshot), path)
        self._resize(path, volume.size)

    # ------------------------------------------------------------ exports
    def _connection(self, path, access_mode='rw'):
        return {'driver_volume_type': 'local',
                'data': {'device_path': path, 'access_mode': access_mode}}

    def initialize_connection(self, volume, connector, **kwargs):
        self._fix_length(volume)
        readonly = volume.admin_metadata.get('readonly') == 'True'
        return self._connection(self._volume_path(volume),
                                'ro' if readonly else 'rw')

    def initialize_connection_snapshot(self, snapshot, connector, **kwargs):
        return self._connection(self._snapshot_path(snapshot), 'ro')

    def terminate_connection(self, volume, connector, **kwargs):
        self._fix_length(volume)

    def terminate_connection_snapshot(self, snapshot, connector, **kwargs):
        pass

    def validate_connector(self, connector):
        # A local attach needs nothing from the connector.
        pass

    def create_export(self, context, volume, connector):
        pass

    def ensure_export(self, context, volume):
        self._fix_length(volume)

    def remove_export(self, context, volume):
        self._fix_length(volume)

    def create_export_snapshot(self, context, snapshot, connector):
        pass

    def remove_export_snapshot(self, context, snapshot):
        pass

    # ------------------------------------------------------------ manage
    def _existing(self, existing_ref):
        name = existing_ref.get('source-name') if existing_ref else None
        path = os.path.join(self._dir, name or '')
        if (not name or os.sep in name or name.startswith('.')
                or not os.path.isfile(path)):
            raise exception.ManageExistingInvalidReference(
                existing_ref=existing_ref,
                reason='source-name must name a file in %s' % self._dir)
        return path

    @staticmethod
    def _size_gb(path):
        return max(1, int(math.ceil(os.path.getsize(path) / units.Gi)))

    def manage_existing(self, volume, existing_ref):
        path = self._existing(existing_ref)
        target = self._volume_path(volume)
        if path != target:
            os.rename(path, target)
        self._resize(target, self._size_gb(target))

    def manage_existing_get_size(self, volume, existing_ref):
        return self._size_gb(self._existing(existing_ref))

    def unmanage(self, volume):
        # The file stays, manageable again under its name.
        pass

    def get_manageable_volumes(self, cinder_volumes, marker, limit, offset,
                               sort_keys, sort_dirs):
        managed = {v.name: v.id for v in cinder_volumes}
        entries = []
        for entry in sorted(os.scandir(self._dir), key=lambda e: e.name):
            if not entry.is_file() or entry.name.startswith('snapshot-'):
                continue
            cinder_id = managed.get(entry.name)
            entries.append({
                'reference': {'source-name': entry.name},
                'size': self._size_gb(entry.path),
                'safe_to_manage': cinder_id is None,
                'reason_not_safe': 'already managed' if cinder_id else None,
                'cinder_id': cinder_id,
                'extra_info': None,
            })
        return volume_utils.paginate_entries_list(entries, marker, limit,
                                                  offset, sort_keys,
                                                  sort_dirs)

    def manage_existing_snapshot(self, snapshot, existing_ref):
        path = self._existing(existing_ref)
        target = self._snapshot_path(snapshot)
        if path != target:
            os.rename(path, target)

    def manage_existing_snapshot_get_size(self, snapshot, existing_ref):
        return self._size_gb(self._existing(existing_ref))

    def unmanage_snapshot(self, snapshot):
        pass

