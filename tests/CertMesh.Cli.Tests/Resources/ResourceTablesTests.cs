using System.Text.Json;
using CertMesh.Cli.Resources;
using CertMesh.Cli.Tests.Support;
using Xunit;

namespace CertMesh.Cli.Tests.Resources;

public sealed class ResourceTablesTests
{
    private static List<JsonElement> Items(params string[] json) => json.Select(j => JsonDocument.Parse(j).RootElement.Clone()).ToList();

    [Fact]
    public void Format_Certificates_AsKubectl()
    {
        var table = ResourceTables.Format(Kinds.Certificate, Items(Samples.ReadyCertificate, Samples.PendingCertificate), false, false, CliRun.Now);

        Assert.Equal("""
            NAME   READY   SECRET    AGE
            web    True    web-tls   5m
            api    False   api-tls   3d

            """, table);
    }

    [Fact]
    public void Format_AllNamespacesWide_AddsNamespaceFirstAndWideColumns()
    {
        var table = ResourceTables.Format(Kinds.Certificate, Items(Samples.PendingCertificate), true, true, CliRun.Now);

        Assert.Equal("""
            NAMESPACE   NAME   READY   SECRET    ISSUER        STATUS                                         AGE
            shop        api    False   api-tls   letsencrypt   Issuing certificate as Secret does not exist   3d

            """, table);
    }

    [Fact]
    public void Format_CertificateRequests_ShowApprovalAndIssuer()
    {
        var request = """
            {"metadata":{"namespace":"shop","name":"web-1","creationTimestamp":"2024-05-01T11:59:30Z"},
             "spec":{"issuerRef":{"name":"ca"}},
             "status":{"conditions":[{"type":"Approved","status":"True"},{"type":"Ready","status":"True","reason":"Issued"}]}}
            """;

        var table = ResourceTables.Format(Kinds.CertificateRequest, Items(request), false, false, CliRun.Now);

        Assert.Equal("""
            NAME    APPROVED   DENIED   READY   ISSUER   AGE
            web-1   True                True    ca       30s

            """, table);
    }

    [Fact]
    public void Format_ClusterIssuersAcrossNamespaces_HaveNoNamespaceColumn()
    {
        var issuer = """{"metadata":{"name":"root","creationTimestamp":"2024-04-01T12:00:00Z"},"status":{"conditions":[{"type":"Ready","status":"True"}]}}""";

        var table = ResourceTables.Format(Kinds.ClusterIssuer, Items(issuer), true, false, CliRun.Now);

        Assert.Equal("NAME   READY   AGE\nroot   True    30d\n", table);
    }

    [Fact]
    public void Format_OrdersChallengesAndSecrets_UseTheirColumns()
    {
        var order = """{"metadata":{"name":"web-1-123"},"status":{"state":"pending"}}""";
        var challenge = """{"metadata":{"name":"web-1-123-0"},"spec":{"dnsName":"web.example.com"},"status":{"state":"valid"}}""";
        var secret = """{"metadata":{"name":"web-tls"},"type":"kubernetes.io/tls","data":{"tls.crt":"","tls.key":"","ca.crt":""}}""";

        Assert.Equal("NAME        STATE     AGE\nweb-1-123   pending   <unknown>\n", ResourceTables.Format(Kinds.Order, Items(order), false, false, CliRun.Now));
        Assert.Equal("NAME          STATE   DOMAIN            AGE\nweb-1-123-0   valid   web.example.com   <unknown>\n",
            ResourceTables.Format(Kinds.Challenge, Items(challenge), false, false, CliRun.Now));
        Assert.Equal("NAME      TYPE                DATA   AGE\nweb-tls   kubernetes.io/tls   3      <unknown>\n",
            ResourceTables.Format(Kinds.Secret, Items(secret), false, false, CliRun.Now));
    }
}
