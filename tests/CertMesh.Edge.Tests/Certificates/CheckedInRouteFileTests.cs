using System.Text.Json;
using CertMesh.Edge.Certificates;

namespace CertMesh.Edge.Tests.Certificates;

/// <summary>deploy/local/edge-routes.json, which up.sh's Edge reads: its route asks for the Certificate up.sh waits for.</summary>
public sealed class CheckedInRouteFileTests
{
    [Fact]
    public void AppRoute_MapsToTheCertificateUpShWaitsFor()
    {
        var path = Path.Combine(TestEnvironment.RepositoryRoot, "deploy", "local", "edge-routes.json");
        using var file = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var app = file.RootElement.GetProperty("Routes").GetProperty("app");
        var hosts = app.GetProperty("Match").GetProperty("Hosts").EnumerateArray().Select(h => h.GetString()!).ToList();
        var metadata = app.GetProperty("Metadata").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

        var mapping = RouteCertificateMapper.Map("app", hosts, metadata, "edge");

        Assert.Empty(mapping.Errors);
        var command = mapping.Certificate!.Command;
        Assert.Equal(("edge", "route-app", "route-app-tls"), (command.Namespace, command.Name, command.Spec.SecretName));
        Assert.Equal(["app.example.test"], command.Spec.DnsNames);
        Assert.Equal(("pebble-http01", "ClusterIssuer"), (command.Spec.IssuerRef.Name, command.Spec.IssuerRef.Kind));
    }
}
