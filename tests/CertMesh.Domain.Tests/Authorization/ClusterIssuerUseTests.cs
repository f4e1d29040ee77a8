using CertMesh.Contracts;
using CertMesh.Domain.Authorization;
using CertMesh.Domain.Resources;

namespace CertMesh.Domain.Tests.Authorization;

/// <summary>cert-manager's <c>use</c> of a ClusterIssuer, granted per namespace unless configured off.</summary>
public sealed class ClusterIssuerUseTests
{
    static readonly AccessSnapshot Snapshot = AccessSnapshot.Build([], [],
        [new ClusterIssuerGrant { Metadata = new ObjectMeta { Name = "team-a-ca" }, Spec = new ClusterIssuerGrantSpec { ClusterIssuers = ["ca"], Namespaces = ["team-a"] } }],
        []);

    static IssuerReference Cluster(string name) => new() { Name = name, Kind = ResourceKinds.ClusterIssuer };

    [Fact]
    public void Check_GrantedNamespace_NoError() =>
        Assert.Null(ClusterIssuerUse.Check(ClusterIssuerUseMode.Granted, Snapshot, "team-a", Cluster("ca")));

    [Fact]
    public void Check_UngrantedNamespace_ForbiddenOnIssuerRefNameNamingBoth()
    {
        var error = ClusterIssuerUse.Check(ClusterIssuerUseMode.Granted, Snapshot, "team-b", Cluster("ca"));

        Assert.NotNull(error);
        Assert.Equal("spec.issuerRef.name", error.Field);
        Assert.StartsWith("Forbidden: namespace \"team-b\" may not use ClusterIssuer \"ca\"", error.Message);
    }

    [Fact]
    public void Check_ModeAny_NoError() =>
        Assert.Null(ClusterIssuerUse.Check(ClusterIssuerUseMode.Any, Snapshot, "team-b", Cluster("ca")));

    [Theory]
    [InlineData(null)]
    [InlineData(ResourceKinds.Issuer)]
    public void Check_NamespacedIssuer_NoError(string? kind) =>
        Assert.Null(ClusterIssuerUse.Check(ClusterIssuerUseMode.Granted, Snapshot, "team-b", new IssuerReference { Name = "ca", Kind = kind }));

    [Theory]
    [InlineData(null, ClusterIssuerUseMode.Granted)]
    [InlineData("", ClusterIssuerUseMode.Granted)]
    [InlineData("granted", ClusterIssuerUseMode.Granted)]
    [InlineData(" Any ", ClusterIssuerUseMode.Any)]
    public void Parse_KnownValues_Mode(string? value, ClusterIssuerUseMode expected) =>
        Assert.Equal(expected, ClusterIssuerUse.Parse(value));

    [Fact]
    public void Parse_UnknownValue_ThrowsNamingTheSetting() =>
        Assert.Contains("CERTMESH_CLUSTERISSUER_USE", Assert.Throws<InvalidOperationException>(() => ClusterIssuerUse.Parse("sometimes")).Message);
}
