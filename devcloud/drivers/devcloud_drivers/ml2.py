"""Agentless ML2 mechanism driver for the ostack devcloud.

Without any L2 agent, ML2 leaves every port in ``binding_failed`` and nova
refuses to boot a server on a network.  This driver claims the first
bindable segment of every port and marks the port ACTIVE, so the API-level
behaviour (ports, servers on networks, routers, floating IPs) works.  There
is no data plane: nothing is plugged anywhere.
"""

from neutron_lib import constants
from neutron_lib.api.definitions import portbindings
from neutron_lib.plugins.ml2 import api

BINDABLE_TYPES = ("flat", "vlan", "vxlan", "geneve", "gre", "local")

VIF_DETAILS = {
    portbindings.CAP_PORT_FILTER: True,
    portbindings.OVS_HYBRID_PLUG: False,
    portbindings.VIF_DETAILS_BRIDGE_NAME: "br-int",
    portbindings.VIF_DETAILS_CONNECTIVITY: portbindings.CONNECTIVITY_L2,
}


class BindEverythingDriver(api.MechanismDriver):
    """Bind any port on a flat/vlan/vxlan/... segment, status ACTIVE."""

    def initialize(self):
        pass

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
