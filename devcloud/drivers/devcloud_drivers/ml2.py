"""Agentless ML2 mechanism driver for the ostack devcloud.

Without any L2 agent, ML2 leaves every port in ``binding_failed`` and nova
refuses to boot a server on a network.  This driver claims the first
bindable segment of every port and marks the port ACTIVE, so the API-level
behaviour (ports, servers on networks, routers, floating IPs) works.  There
is no data plane: nothing is plugged anywhere.

It also registers a QoS driver and a trunk driver for the ports it binds
(VIF type ``ovs``), so the ``qos`` and ``trunk`` service plugins load and
accept QoS policies with rules on ports and trunks with VLAN subports; none
of it is enforced anywhere.
"""

from neutron_lib import constants
from neutron_lib.api.definitions import portbindings
from neutron_lib.plugins.ml2 import api
from neutron_lib.services.qos import base as qos_base
from neutron_lib.services.trunk import constants as trunk_consts

from neutron.services.qos.drivers.openvswitch import driver as ovs_qos
from neutron.services.trunk.drivers import base as trunk_base

NAME = "devcloud_bind"

BINDABLE_TYPES = ("flat", "vlan", "vxlan", "geneve", "gre", "local")

VIF_DETAILS = {
    portbindings.CAP_PORT_FILTER: True,
    portbindings.OVS_HYBRID_PLUG: False,
    portbindings.VIF_DETAILS_BRIDGE_NAME: "br-int",
    portbindings.VIF_DETAILS_CONNECTIVITY: portbindings.CONNECTIVITY_L2,
}


class QosDriver(qos_base.DriverBase):
    """Every rule type the OVS agent knows, for ports bound here."""

    def validate_rule_for_port(self, context, rule, port):
        return True

    def validate_rule_for_network(self, context, rule, network_id):
        return True


class TrunkDriver(trunk_base.DriverBase):
    """VLAN subports on trunks whose parent is bound here (or not yet)."""

    @property
    def is_loaded(self):
        return True


class BindEverythingDriver(api.MechanismDriver):
    """Bind any port on a flat/vlan/vxlan/... segment, status ACTIVE."""

    def initialize(self):
        # Kept on the instance: the callback registry needs them alive.
        self.qos_driver = QosDriver(
            name=NAME,
            vif_types=[portbindings.VIF_TYPE_OVS],
            vnic_types=[portbindings.VNIC_NORMAL],
            supported_rules=ovs_qos.SUPPORTED_RULES,
        )
        self.trunk_driver = TrunkDriver(
            NAME,
            (portbindings.VIF_TYPE_OVS,),
            (trunk_consts.SEGMENTATION_TYPE_VLAN,),
            agent_type=None,
            can_trunk_bound_port=True,
        )

    @property
    def connectivity(self):
        return portbindings.CONNECTIVITY_L2

    def bind_port(self, context):
        for segment in context.segments_to_bind:
            if segment[api.NETWORK_TYPE] in BINDABLE_TYPES:
                context.set_binding(
                    segment[api.ID],
                    portbindings.VIF_TYPE_OVS,
                    dict(VIF_DETAILS),
                    status=constants.PORT_STATUS_ACTIVE,
                )
                return
