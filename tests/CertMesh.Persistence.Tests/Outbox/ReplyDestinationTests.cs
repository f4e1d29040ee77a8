using CertMesh.Hosting.Outbox;

namespace CertMesh.Persistence.Tests.Outbox;

/// <summary>A reply goes only to the broker the service is connected to: the caller chose the address.</summary>
public sealed class ReplyDestinationTests
{
    const string Bus = "rabbitmq://127.0.0.1:5673/certmesh-test/host_Trigger_bus_abc?temporary=true";

    [Theory]
    [InlineData("rabbitmq://127.0.0.1:5673/certmesh-test/caller_bus_xyz?temporary=true", true)]
    [InlineData("rabbitmq://127.0.0.1:5673/certmesh-test/checkout-replies", true)]
    [InlineData("queue:checkout-replies", true)]
    [InlineData("exchange:checkout-replies?durable=false", true)]
    [InlineData("rabbitmq://attacker.example:5673/certmesh-test/q", false)]
    [InlineData("rabbitmq://127.0.0.1:5672/certmesh-test/q", false)]
    [InlineData("rabbitmq://127.0.0.1:5673/other-vhost/q", false)]
    [InlineData("rabbitmq://127.0.0.1:5673/q", false)]
    [InlineData("rabbitmqs://127.0.0.1:5673/certmesh-test/q", false)]
    [InlineData("http://127.0.0.1:5673/certmesh-test/q", false)]
    [InlineData("loopback://localhost/q", false)]
    public void IsOnThisBroker_CallerChosenAddress_OnlyTheServicesOwnBroker(string destination, bool allowed)
    {
        Assert.Equal(allowed, ReplyDestination.IsOnThisBroker(new Uri(destination), new Uri(Bus)));
    }

    [Fact]
    public void IsOnThisBroker_DefaultVirtualHost_MatchesItsOwn()
    {
        Assert.True(ReplyDestination.IsOnThisBroker(new Uri("rabbitmq://127.0.0.1:5673/caller"), new Uri("rabbitmq://127.0.0.1:5673/bus_x")));
        Assert.False(ReplyDestination.IsOnThisBroker(new Uri("rabbitmq://127.0.0.1:5673/vh/caller"), new Uri("rabbitmq://127.0.0.1:5673/bus_x")));
    }
}
