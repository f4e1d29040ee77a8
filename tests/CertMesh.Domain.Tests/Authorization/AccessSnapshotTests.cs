using CertMesh.Domain.Authorization;
using CertMesh.Domain.Resources;
using Xunit;

namespace CertMesh.Domain.Tests.Authorization;

public sealed class AccessSnapshotTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    const string ViewerToken = "cm_viewer", EditorToken = "cm_editor", KeysToken = "cm_keys", AdminToken = "cm_admin";

    static readonly AccessSnapshot Snapshot = AccessSnapshot.Build(
        [
            Principal("viewer", new PrincipalToken { Id = "t1", Sha256 = TokenHash.Of(ViewerToken) }),
            Principal("editor", new PrincipalToken { Id = "t1", Sha256 = TokenHash.Of(EditorToken) }, rabbitmqUser: "app-editor"),
            Principal("keys", new PrincipalToken { Id = "t1", Sha256 = TokenHash.Of(KeysToken) }),
            Principal("admin", new PrincipalToken { Id = "t1", Sha256 = TokenHash.Of(AdminToken) }),
            Principal("expired", new PrincipalToken { Id = "old", Sha256 = TokenHash.Of("cm_expired"), Expires = Now.AddSeconds(-1) }),
            Principal("revoked", new PrincipalToken { Id = "leaked", Sha256 = TokenHash.Of("cm_revoked"), Revoked = true }),
            Principal("gone", new PrincipalToken { Id = "t1", Sha256 = TokenHash.Of("cm_gone") }, disabled: true, rabbitmqUser: "app-gone"),
        ],
        [
            Binding(AuthKinds.RoleBinding, "a", Roles.View, "viewer"),
            Binding(AuthKinds.RoleBinding, "a", Roles.Edit, "editor"),
            Binding(AuthKinds.RoleBinding, "a", Roles.Secrets, "keys"),
            Binding(AuthKinds.ClusterRoleBinding, "", Roles.Admin, "admin"),
        ],
        [new ClusterIssuerGrant { Metadata = new ObjectMeta { Name = "g" }, Spec = new ClusterIssuerGrantSpec { ClusterIssuers = ["ca"], Namespaces = ["a"] } }],
        [new BuiltInPrincipal("system:bus:guest", RabbitMqUser: "guest")]);

    [Theory]
    [InlineData(ViewerToken, CredentialStatus.Valid, "viewer")]
    [InlineData("cm_nobody", CredentialStatus.Unknown, null)]
    [InlineData("", CredentialStatus.Missing, null)]
    [InlineData(null, CredentialStatus.Missing, null)]
    [InlineData(ViewerToken + " ", CredentialStatus.Unknown, null)]
    [InlineData("cm_expired", CredentialStatus.Expired, "expired")]
    [InlineData("cm_revoked", CredentialStatus.Revoked, "revoked")]
    [InlineData("cm_gone", CredentialStatus.Disabled, "gone")]
    public void AuthenticateToken_EachKindOfToken_NamesPrincipalOnlyWhenValid(string? token, CredentialStatus status, string? principal)
    {
        var credential = Snapshot.AuthenticateToken(token, Now);

        Assert.Equal(status, credential.Status);
        Assert.Equal(principal, credential.PrincipalName);
    }

    [Fact]
    public void AuthenticateToken_LongerThanAnyToken_UnknownWithoutHashing()
    {
        Assert.Equal(CredentialStatus.Unknown, Snapshot.AuthenticateToken(new string('x', TokenHash.MaxTokenLength + 1), Now).Status);
    }

    [Theory]
    [InlineData("app-editor", CredentialStatus.Valid, "editor")]
    [InlineData("guest", CredentialStatus.Valid, "system:bus:guest")]
    [InlineData("app-gone", CredentialStatus.Disabled, "gone")]
    [InlineData("stranger", CredentialStatus.Unknown, null)]
    [InlineData(null, CredentialStatus.Missing, null)]
    public void AuthenticateBusUser_EachUser_MapsToItsPrincipal(string? user, CredentialStatus status, string? principal)
    {
        var credential = Snapshot.AuthenticateBusUser(user);

        Assert.Equal(status, credential.Status);
        Assert.Equal(principal, credential.PrincipalName);
    }

    // principal, verb, kind, namespace (null = all / cluster), allowed
    [Theory]
    [InlineData("viewer", Verbs.Get, ResourceKinds.Certificate, "a", true)]
    [InlineData("viewer", Verbs.List, ResourceKinds.Certificate, "a", true)]
    [InlineData("viewer", Verbs.List, ResourceKinds.Secret, "a", true)]
    [InlineData("viewer", Verbs.Get, ResourceKinds.Secret, "a", false)]
    [InlineData("viewer", Verbs.Apply, ResourceKinds.Certificate, "a", false)]
    [InlineData("viewer", Verbs.Get, ResourceKinds.Certificate, "b", false)]
    [InlineData("viewer", Verbs.List, ResourceKinds.Certificate, null, false)]
    [InlineData("viewer", Verbs.List, ResourceKinds.ClusterIssuer, null, true)]
    [InlineData("editor", Verbs.Apply, ResourceKinds.Certificate, "a", true)]
    [InlineData("editor", Verbs.Renew, ResourceKinds.Certificate, "a", true)]
    [InlineData("editor", Verbs.Delete, ResourceKinds.Certificate, "a", true)]
    [InlineData("editor", Verbs.Apply, ResourceKinds.Issuer, "a", true)]
    [InlineData("editor", Verbs.Approve, ResourceKinds.CertificateRequest, "a", true)]
    [InlineData("editor", Verbs.Apply, ResourceKinds.Certificate, "b", false)]
    [InlineData("editor", Verbs.Apply, ResourceKinds.ClusterIssuer, null, false)]
    [InlineData("editor", Verbs.Get, ResourceKinds.Secret, "a", false)]
    [InlineData("editor", Verbs.Apply, ResourceKinds.Secret, "a", false)]
    [InlineData("editor", Verbs.Apply, AuthKinds.RoleBinding, "a", false)]
    [InlineData("keys", Verbs.Get, ResourceKinds.Secret, "a", true)]
    [InlineData("keys", Verbs.Apply, ResourceKinds.Secret, "a", true)]
    [InlineData("keys", Verbs.Get, ResourceKinds.Secret, "b", false)]
    [InlineData("keys", Verbs.Apply, ResourceKinds.Certificate, "a", false)]
    [InlineData("admin", Verbs.Apply, ResourceKinds.ClusterIssuer, null, true)]
    [InlineData("admin", Verbs.Apply, AuthKinds.Principal, null, true)]
    [InlineData("admin", Verbs.Get, ResourceKinds.Secret, "z", true)]
    [InlineData("admin", Verbs.List, ResourceKinds.Certificate, null, true)]
    [InlineData("system:bus:guest", Verbs.Apply, ResourceKinds.Certificate, "anywhere", true)]
    [InlineData("nobody", Verbs.Get, ResourceKinds.Certificate, "a", false)]
    public void Authorize_RoleTable_AllowsExactlyWhatTheRoleGrants(string principal, string verb, string kind, string? ns, bool allowed)
    {
        Assert.Equal(allowed, Snapshot.Authorize(principal, new AccessRequest(verb, kind, ns)).Allowed);
    }

    [Theory]
    [InlineData("editor", Verbs.Apply, ResourceKinds.Certificate, "b", "principal \"editor\" cannot apply Certificate in namespace \"b\" (needs role edit in namespace \"b\")")]
    [InlineData("editor", Verbs.Get, ResourceKinds.Secret, "a", "principal \"editor\" cannot get Secret in namespace \"a\" (needs role secrets in namespace \"a\")")]
    [InlineData("viewer", Verbs.List, ResourceKinds.Certificate, null, "principal \"viewer\" cannot list Certificate in all namespaces (needs cluster role view)")]
    [InlineData("editor", Verbs.Apply, ResourceKinds.ClusterIssuer, null, "principal \"editor\" cannot apply ClusterIssuer (needs cluster role admin)")]
    public void Authorize_Refused_NamesVerbKindNamespaceAndTheRoleThatWouldAllowIt(string principal, string verb, string kind, string? ns, string message)
    {
        var decision = Snapshot.Authorize(principal, new AccessRequest(verb, kind, ns));

        Assert.False(decision.Allowed);
        Assert.Equal(message, decision.Message);
    }

    [Theory]
    [InlineData("a", "ca", true)]
    [InlineData("b", "ca", false)]
    [InlineData("a", "letsencrypt", false)]
    public void MayUseClusterIssuer_OnlyGrantedPairs(string ns, string clusterIssuer, bool allowed)
    {
        Assert.Equal(allowed, Snapshot.MayUseClusterIssuer(ns, clusterIssuer));
    }

    [Fact]
    public void TokenHash_NewToken_Is256RandomBitsAndHashesToLowerHex()
    {
        var token = TokenHash.NewToken();

        Assert.StartsWith(TokenHash.Prefix, token);
        Assert.Equal(3 + 43, token.Length);
        Assert.NotEqual(token, TokenHash.NewToken());
        Assert.True(TokenHash.IsHash(TokenHash.Of(token)));
    }

    static Principal Principal(string name, PrincipalToken token, bool disabled = false, string? rabbitmqUser = null) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new PrincipalSpec { Tokens = [token], Disabled = disabled, RabbitMqUser = rabbitmqUser },
    };

    static RoleBinding Binding(string kind, string ns, string role, string principal) => new()
    {
        Kind = kind,
        Metadata = new ObjectMeta { Name = $"{principal}-{role}", Namespace = ns },
        Spec = new RoleBindingSpec { Role = role, Subjects = [new Subject { Name = principal }] },
    };
}
