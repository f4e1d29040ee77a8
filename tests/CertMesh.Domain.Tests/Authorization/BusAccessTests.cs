using CertMesh.Domain.Authorization;
using CertMesh.Domain.Resources;

namespace CertMesh.Domain.Tests.Authorization;

/// <summary>Who may send a command on the bus: the broker-verified user, mapped onto principals and bindings.</summary>
public sealed class BusAccessTests
{
    static readonly AccessSnapshot Snapshot = AccessSnapshot.Build(
        [
            new Principal { Metadata = new ObjectMeta { Name = "app-a" }, Spec = new PrincipalSpec { RabbitMqUser = "app-a" } },
            new Principal { Metadata = new ObjectMeta { Name = "old-app" }, Spec = new PrincipalSpec { RabbitMqUser = "old-app", Disabled = true } },
            new Principal { Metadata = new ObjectMeta { Name = "reader" }, Spec = new PrincipalSpec { RabbitMqUser = "reader" } },
        ],
        [
            Binding("app-a", "team-a", Roles.Edit),
            Binding("old-app", "team-a", Roles.Edit),
            Binding("reader", "team-a", Roles.View),
        ],
        [],
        [new BuiltInPrincipal(BuiltInPrincipal.ForBusUser("guest"), RabbitMqUser: "guest")]);

    static RoleBinding Binding(string principal, string @namespace, string role) => new()
    {
        Metadata = new ObjectMeta { Namespace = @namespace, Name = $"{principal}-{role}" },
        Spec = new RoleBindingSpec { Role = role, Subjects = [new Subject { Name = principal }] },
    };

    static AccessRequest Apply(string @namespace) => new(Verbs.Apply, ResourceKinds.Certificate, @namespace);

    [Fact]
    public void Decide_SystemUser_AllowedInAnyNamespace()
    {
        Assert.True(BusAccess.Decide(Snapshot, "guest", Apply("anything")).Allowed);
        Assert.True(BusAccess.Decide(Snapshot, "guest", new AccessRequest(Verbs.Delete, ResourceKinds.Certificate, "team-b")).Allowed);
    }

    [Theory]
    [InlineData(Verbs.Apply)]
    [InlineData(Verbs.Renew)]
    [InlineData(Verbs.Delete)]
    public void Decide_EditInNamespace_Allowed(string verb) =>
        Assert.True(BusAccess.Decide(Snapshot, "app-a", new AccessRequest(verb, ResourceKinds.Certificate, "team-a")).Allowed);

    [Fact]
    public void Decide_OtherNamespace_DeniedNamingUserPrincipalAndNamespace()
    {
        var decision = BusAccess.Decide(Snapshot, "app-a", Apply("team-b"));

        Assert.False(decision.Allowed);
        Assert.Equal("RabbitMQ user \"app-a\" (principal \"app-a\") cannot apply Certificate in namespace \"team-b\" (needs role edit in namespace \"team-b\")", decision.Message);
    }

    [Fact]
    public void Decide_ViewOnly_Denied()
    {
        var decision = BusAccess.Decide(Snapshot, "reader", Apply("team-a"));

        Assert.False(decision.Allowed);
        Assert.Contains("needs role edit", decision.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Decide_NoUserId_DeniedSayingWhy(string? user)
    {
        var decision = BusAccess.Decide(Snapshot, user, Apply("team-a"));

        Assert.False(decision.Allowed);
        Assert.Equal("the message carries no user_id: RabbitMQ verifies it only when it is set", decision.Message);
    }

    [Fact]
    public void Decide_UserOfNoPrincipal_Denied()
    {
        var decision = BusAccess.Decide(Snapshot, "stranger", Apply("team-a"));

        Assert.False(decision.Allowed);
        Assert.Equal("RabbitMQ user \"stranger\" is the rabbitmqUser of no Principal (auth.certmesh.io/v1), so it cannot apply Certificate in namespace \"team-a\"", decision.Message);
    }

    [Fact]
    public void Decide_DisabledPrincipal_DeniedDespiteItsBinding()
    {
        var decision = BusAccess.Decide(Snapshot, "old-app", Apply("team-a"));

        Assert.False(decision.Allowed);
        Assert.Equal("RabbitMQ user \"old-app\" (principal \"old-app\") is disabled", decision.Message);
    }
}
