using Platform.AppHost.Infrastructure;

namespace Platform.AppHost.Tests;

public class PortProbeTests
{
    [Fact]
    public void A_free_port_for_a_local_server_is_never_one_the_os_may_give_an_outgoing_connection()
    {
        var start = PortProbe.EphemeralRangeStart();

        var ports = Enumerable.Range(0, 20).Select(_ => PortProbe.AnyFree()).ToList();

        Assert.All(ports, port => Assert.InRange(port, 1024, start - 1));
        Assert.All(ports, port => Assert.True(PortProbe.IsFree(port)));
    }
}
