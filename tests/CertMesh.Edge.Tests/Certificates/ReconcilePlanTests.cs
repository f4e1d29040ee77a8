using CertMesh.Domain.Resources;
using CertMesh.Edge.Certificates;

namespace CertMesh.Edge.Tests.Certificates;

public sealed class ReconcilePlanTests
{
    static RouteCertificate Desired(string routeId, params string[] hosts) =>
        RouteCertificateMapper.Map(routeId, hosts, new Dictionary<string, string> { [RouteAnnotations.ClusterIssuer] = "pebble-http01" }, "edge").Certificate!;

    /// <summary>What Trigger stores for the command: its spec, labels and annotations as sent.</summary>
    static Certificate Stored(RouteCertificate certificate) => new()
    {
        Metadata = new ObjectMeta
        {
            Namespace = "edge",
            Name = certificate.Name,
            Labels = certificate.Command.Labels,
            Annotations = certificate.Command.Annotations,
        },
        Spec = certificate.Command.Spec,
    };

    static Certificate NotOwned(string name) => new() { Metadata = new ObjectMeta { Namespace = "edge", Name = name } };

    [Fact]
    public void Decide_NothingStored_IssuesEveryRoute()
    {
        var plan = ReconcilePlan.Decide([Desired("a", "a.example.test"), Desired("b", "b.example.test")], []);

        Assert.Equal(["route-a", "route-b"], plan.Issue.Select(c => c.Name));
        Assert.Empty(plan.Delete);
    }

    [Fact]
    public void Decide_StoredAsDesired_DoesNothing()
    {
        var desired = Desired("a", "a.example.test");

        Assert.True(ReconcilePlan.Decide([desired], [Stored(desired)]).IsEmpty);
    }

    [Fact]
    public void Decide_HostsChanged_IssuesAgain()
    {
        var plan = ReconcilePlan.Decide([Desired("a", "a.example.test", "www.a.example.test")], [Stored(Desired("a", "a.example.test"))]);

        Assert.Equal("route-a", Assert.Single(plan.Issue).Name);
    }

    [Fact]
    public void Decide_OwnedWithoutRoute_IsDeleted()
    {
        var plan = ReconcilePlan.Decide([Desired("a", "a.example.test")], [Stored(Desired("a", "a.example.test")), Stored(Desired("gone", "gone.example.test"))]);

        Assert.Empty(plan.Issue);
        Assert.Equal(["route-gone"], plan.Delete);
    }

    [Fact]
    public void Decide_NoRoutesAtAll_DeletesEveryOwnedOne()
    {
        var plan = ReconcilePlan.Decide([], [Stored(Desired("a", "a.example.test")), NotOwned("hand-written")]);

        Assert.Equal(["route-a"], plan.Delete);
    }

    [Fact]
    public void Decide_CertificateNotOwned_IsNeitherOverwrittenNorDeleted()
    {
        var desired = Desired("a", "a.example.test");

        var plan = ReconcilePlan.Decide([desired], [NotOwned("route-a"), NotOwned("other")]);

        Assert.Empty(plan.Issue);
        Assert.Empty(plan.Delete);
        Assert.Equal("route-a", Assert.Single(plan.NotOwned).Name);
    }
}
