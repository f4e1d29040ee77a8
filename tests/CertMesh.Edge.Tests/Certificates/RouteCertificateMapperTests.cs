using CertMesh.Edge.Certificates;

namespace CertMesh.Edge.Tests.Certificates;

public sealed class RouteCertificateMapperTests
{
    static Dictionary<string, string> Metadata(params (string Key, string Value)[] entries) => entries.ToDictionary(e => e.Key, e => e.Value);

    [Fact]
    public void Map_ClusterIssuerAndHosts_IsTheCertificateForThoseHostsInTheEdgeNamespace()
    {
        var mapping = RouteCertificateMapper.Map("app", ["app.example.test", "www.app.example.test"],
            Metadata((RouteAnnotations.ClusterIssuer, "pebble-http01")), "edge");

        Assert.Empty(mapping.Errors);
        var command = mapping.Certificate!.Command;
        Assert.Equal("edge", command.Namespace);
        Assert.Equal("route-app", command.Name);
        Assert.Equal("route-app-tls", command.Spec.SecretName);
        Assert.Equal(["app.example.test", "www.app.example.test"], command.Spec.DnsNames);
        Assert.Equal("pebble-http01", command.Spec.IssuerRef.Name);
        Assert.Equal("ClusterIssuer", command.Spec.IssuerRef.Kind);
        Assert.Equal("app", command.Labels![RouteAnnotations.OwnerLabel]);
        Assert.Equal("app", command.Annotations![RouteAnnotations.RouteIdAnnotation]);
        Assert.Null(command.Spec.PrivateKey);
    }

    [Fact]
    public void Map_IssuerWithKindAndGroup_IsANamespacedOrExternalIssuerRef()
    {
        var mapping = RouteCertificateMapper.Map("app", ["app.example.test"], Metadata(
            (RouteAnnotations.Issuer, "signer"), (RouteAnnotations.IssuerKind, "AWSPCAIssuer"), (RouteAnnotations.IssuerGroup, "awspca.cert-manager.io")), "edge");

        var issuerRef = mapping.Certificate!.Command.Spec.IssuerRef;
        Assert.Equal(("signer", "AWSPCAIssuer", "awspca.cert-manager.io"), (issuerRef.Name, issuerRef.Kind, issuerRef.Group));
    }

    [Fact]
    public void Map_IssuerAlone_IsKindIssuer() =>
        Assert.Equal("Issuer", RouteCertificateMapper.Map("app", ["a.example.test"], Metadata((RouteAnnotations.Issuer, "local")), "edge").Certificate!.Command.Spec.IssuerRef.Kind);

    [Fact]
    public void Map_OptionalAnnotations_BecomeTheSpecFields()
    {
        var mapping = RouteCertificateMapper.Map("app", ["app.example.test"], Metadata(
            (RouteAnnotations.ClusterIssuer, "ca"),
            (RouteAnnotations.CommonName, "app.example.test"),
            (RouteAnnotations.Duration, "720h"),
            (RouteAnnotations.RenewBefore, "240h"),
            (RouteAnnotations.PrivateKeyAlgorithm, "RSA"),
            (RouteAnnotations.PrivateKeySize, "3072"),
            (RouteAnnotations.PrivateKeyRotationPolicy, "Never")), "edge");

        var spec = mapping.Certificate!.Command.Spec;
        Assert.Equal(("app.example.test", "720h", "240h"), (spec.CommonName, spec.Duration, spec.RenewBefore));
        Assert.Equal(("RSA", 3072, "Never"), (spec.PrivateKey!.Algorithm, spec.PrivateKey.Size, spec.PrivateKey.RotationPolicy));
    }

    [Fact]
    public void Map_HostsWithPortsAndCase_AreLowercaseNamesWithoutPortEachOnce()
    {
        var mapping = RouteCertificateMapper.Map("app", ["App.Example.Test", "app.example.test:8443", "*.apps.example.test"],
            Metadata((RouteAnnotations.ClusterIssuer, "ca")), "edge");

        Assert.Equal(["app.example.test", "*.apps.example.test"], mapping.Certificate!.Command.Spec.DnsNames);
    }

    [Fact]
    public void Map_NoIssuer_IsNoCertificateAndNoError()
    {
        var mapping = RouteCertificateMapper.Map("plain", ["app.example.test"], Metadata(("team", "web"), (RouteAnnotations.HttpsRedirect, "true")), "edge");

        Assert.Null(mapping.Certificate);
        Assert.Empty(mapping.Errors);
    }

    [Theory]
    [InlineData("bad_host.example.test", "invalid character '_'")]
    [InlineData("a..example.test", "empty labels")]
    [InlineData("foo.*.example.test", "wildcard '*' is only allowed as the entire leftmost label")]
    [InlineData("-x.example.test", "must not start or end with '-'")]
    public void Map_InvalidHost_NamesTheHostAndWhy(string host, string why)
    {
        var mapping = RouteCertificateMapper.Map("app", [host], Metadata((RouteAnnotations.ClusterIssuer, "ca")), "edge");

        Assert.Null(mapping.Certificate);
        var error = Assert.Single(mapping.Errors);
        Assert.StartsWith($"Match.Hosts \"{host}\": ", error);
        Assert.Contains(why, error);
    }

    [Theory]
    [MemberData(nameof(BadMetadata))]
    public void Map_BadMetadata_NamesTheFieldAndWhy(string[]? hosts, string[] metadata, string field, string why)
    {
        var mapping = RouteCertificateMapper.Map("app", hosts, metadata.Select(e => e.Split('=', 2)).ToDictionary(e => e[0], e => e[1]), "edge");

        Assert.Null(mapping.Certificate);
        Assert.Contains(mapping.Errors, e => e.StartsWith(field, StringComparison.Ordinal) && e.Contains(why, StringComparison.Ordinal));
    }

    public static TheoryData<string[]?, string[], string, string> BadMetadata => new()
    {
        { null, [$"{RouteAnnotations.ClusterIssuer}=ca"], "Match.Hosts", "needs at least one host" },
        { [], [$"{RouteAnnotations.ClusterIssuer}=ca"], "Match.Hosts", "needs at least one host" },
        { ["a.example.test"], [$"{RouteAnnotations.ClusterIssuer}=ca", $"{RouteAnnotations.Issuer}=ca"], "Metadata", "not both" },
        { ["a.example.test"], [$"{RouteAnnotations.ClusterIssuer}=ca", $"{RouteAnnotations.IssuerKind}=Issuer"], $"Metadata.{RouteAnnotations.IssuerKind}", "only applies with" },
        { ["a.example.test"], [$"{RouteAnnotations.Duration}=720h"], $"Metadata.{RouteAnnotations.Duration}", "has no effect without" },
        { ["a.example.test"], ["certmesh.io/clusterissuer=ca"], "Metadata.certmesh.io/clusterissuer", "unknown key" },
        { ["a.example.test"], [$"{RouteAnnotations.ClusterIssuer}=ca", $"{RouteAnnotations.PrivateKeySize}=big"], $"Metadata.{RouteAnnotations.PrivateKeySize}", "not a whole number" },
        { ["a.example.test"], [$"{RouteAnnotations.HttpsRedirect}=yes"], $"Metadata.{RouteAnnotations.HttpsRedirect}", "is not \"true\" or \"false\"" },
        { null, [$"{RouteAnnotations.HttpsRedirect}=true"], $"Metadata.{RouteAnnotations.HttpsRedirect}", "needs Match.Hosts" },
    };
}
