using System.Text.Json;
using CertMesh.Cli.Status;
using CertMesh.Cli.Tests.Support;
using Xunit;

namespace CertMesh.Cli.Tests.Status;

public sealed class CertificateStatusPrinterTests
{
    private static string Print(string json) => CertificateStatusPrinter.Format(JsonDocument.Parse(json).RootElement, CliRun.Now);

    private const string Request = """
        {"metadata":{"namespace":"shop","name":"web-1","annotations":{"certmesh.io/trace-id":"4bf92f3577b34da6a3ce929d0e0e4736"}},
         "status":{"conditions":[{"type":"Approved","status":"True","reason":"cert-manager.io","message":"Certificate request has been approved by cert-manager.io"},
                                 {"type":"Ready","status":"True","reason":"Issued","message":"Certificate fetched from issuer successfully"}]}}
        """;

    private const string Secret = """
        {"name":"web-tls","exists":true,"notBefore":"2024-05-01T11:56:00Z","notAfter":"2024-07-30T11:56:00Z","serialNumber":"0a1b2c",
         "dnsNames":["web.example.com"],"issuer":"CN=Example CA, O=\"Example, Inc.\", C=GB"}
        """;

    [Fact]
    public void Format_IssuedCertificate_PrintsLikeCmctl()
    {
        var events = """[{"type":"Normal","reason":"Issuing","message":"The certificate has been successfully issued","time":"2024-05-01T11:56:00Z"}]""";

        var text = Print($$"""{"certificate":{{Samples.ReadyCertificate}},"request":{{Request}},"secret":{{Secret}},"events":{{events}}}""");

        Assert.Equal("""
            Name: web
            Namespace: shop
            Created at: 2024-05-01T11:55:00Z
            Conditions:
              Ready: True, Reason: Ready, Message: Certificate is up to date and has not expired
            DNS Names:
            - web.example.com
            - www.example.com
            Events:
              Type     Reason    Age    Message
              ----     ------    ----   -------
              Normal   Issuing   4m     The certificate has been successfully issued
            Issuer:
              Name: ca
              Kind: Issuer
            Secret:
              Name: web-tls
              Issuer Country: GB
              Issuer Organisation: Example, Inc.
              Issuer Common Name: Example CA
              Serial Number: 0a1b2c
              Not Before: 2024-05-01T11:56:00Z
              Not After: 2024-07-30T11:56:00Z
              DNS Names: web.example.com
            Not Before: 2024-05-01T11:56:00Z
            Not After: 2024-07-30T11:56:00Z
            Renewal Time: 2024-06-30T11:56:00Z
            CertificateRequest:
              Name: web-1
              Namespace: shop
              Trace ID: 4bf92f3577b34da6a3ce929d0e0e4736
              Conditions:
                Approved: True, Reason: cert-manager.io, Message: Certificate request has been approved by cert-manager.io
                Ready: True, Reason: Issued, Message: Certificate fetched from issuer successfully

            """, text);
    }

    [Fact]
    public void Format_RequestWithoutTraceId_PrintsNoTraceIdLine()
    {
        var request = """{"metadata":{"namespace":"shop","name":"web-1"},"status":{"conditions":[]}}""";

        var text = Print($$"""{"certificate":{{Samples.ReadyCertificate}},"request":{{request}},"secret":{{Secret}},"events":[]}""");

        Assert.Contains("CertificateRequest:\n  Name: web-1\n  Namespace: shop\n", text);
        Assert.DoesNotContain("Trace ID", text);
    }

    [Fact]
    public void Format_PendingCertificate_SaysWhatIsMissing()
    {
        var text = Print($$"""{"certificate":{{Samples.PendingCertificate}},"request":null,"secret":{"name":"api-tls","exists":false},"events":[]}""");

        Assert.Contains("Conditions:\n  Ready: False, Reason: DoesNotExist, Message: Issuing certificate as Secret does not exist\n  Issuing: True,", text);
        Assert.Contains("Events:  <none>\n", text);
        Assert.Contains("Issuer:\n  Name: letsencrypt\n  Kind: ClusterIssuer\n", text);
        Assert.Contains("error when finding Secret \"api-tls\": secrets \"api-tls\" not found\n", text);
        Assert.Contains("Not After: <none>\n", text);
        Assert.Contains("No CertificateRequest found for this Certificate\n", text);
        Assert.DoesNotContain("DNS Names", text);
    }

    [Fact]
    public void Format_WaitingForOwnersCsr_PrintsRequestsAndNextOne()
    {
        var certificate = """
            {"metadata":{"namespace":"shop","name":"checkout"},"spec":{"issuerRef":{"name":"ca"}},
             "status":{"csrRequest":{"reason":"Renewing","attempts":3,"firstRequestTime":"2026-01-01T00:00:00Z","lastRequestTime":"2026-01-01T00:03:00Z","nextRequestTime":"2026-01-01T00:07:00Z"}}}
            """;

        var text = Print($$"""{"certificate":{{certificate}},"events":[]}""");

        Assert.Contains("""
            Waiting For Owner: a CSR from a new key (rotationPolicy Always; the owner keeps the key)
              Reason: Renewing
              Requests Sent: 3, first 2026-01-01T00:00:00Z, last 2026-01-01T00:03:00Z
              Next Request: 2026-01-01T00:07:00Z

            """, text);
    }

    [Fact]
    public void Format_AcmeParts_PrintsIssuerConditionsOrderAndChallenges()
    {
        var issuer = """{"status":{"conditions":[{"type":"Ready","status":"True","reason":"ACMEAccountRegistered","message":"The ACME account was registered with the ACME server"}]}}""";
        var order = """{"metadata":{"name":"api-1-42"},"status":{"state":"pending","authorizations":[{"identifier":"api.example.com","initialState":"pending","wildcard":false}]}}""";
        var challenge = """{"metadata":{"name":"api-1-42-7"},"spec":{"type":"HTTP-01","token":"tok","key":"tok.thumb"},"status":{"state":"pending","reason":"Waiting for HTTP-01 challenge propagation","processing":true,"presented":true}}""";

        var text = Print($$"""{"certificate":{{Samples.PendingCertificate}},"issuer":{{issuer}},"order":{{order}},"challenges":[{{challenge}}],"events":[]}""");

        Assert.Contains("Issuer:\n  Name: letsencrypt\n  Kind: ClusterIssuer\n  Conditions:\n    Ready: True, Reason: ACMEAccountRegistered,", text);
        Assert.Contains("""
            Order:
              Name: api-1-42
              State: pending, Reason: 
              Authorizations:
                Identifier: api.example.com, Initial State: pending, Wildcard: false
            Challenges:
            - Name: api-1-42-7, Type: HTTP-01, Token: tok, Key: tok.thumb, State: pending, Reason: Waiting for HTTP-01 challenge propagation, Processing: true, Presented: true

            """, text);
    }

    [Fact]
    public void Format_ChallengeWithSolverAndSelfCheck_PrintsReplicaSelfCheckAndEvents()
    {
        var order = """{"metadata":{"name":"api-1-42"},"status":{"state":"pending"},"events":[{"type":"Normal","reason":"CreateOrder","message":"Created new ACME order, attempting validation...","time":"2026-01-01T00:00:00Z"}]}""";
        var challenge = """{"metadata":{"name":"api-1-42-7"},"spec":{"type":"HTTP-01","token":"tok","key":"tok.thumb","solver":{"http01":{}}},"status":{"state":"pending","processing":true,"presented":true,"solvedBy":"solver-b","selfCheck":"wrong status code '404', expected '200'","selfCheckAttempts":3},"events":[{"type":"Normal","reason":"Presented","message":"Presented challenge using HTTP-01 challenge mechanism","time":"2026-01-01T00:00:00Z"}]}""";

        var text = Print($$"""{"certificate":{{Samples.PendingCertificate}},"order":{{order}},"challenges":[{{challenge}}],"events":[]}""");

        Assert.Contains("  Solver: solver-b (http01 solver)\n", text);
        Assert.Contains("  Self Check: wrong status code '404', expected '200' (attempts: 3)\n", text);
        Assert.Contains("Presented challenge using HTTP-01 challenge mechanism", text);
        Assert.Contains("Created new ACME order, attempting validation...", text);
    }

    [Fact]
    public void Format_Dns01ChallengeWithResolvedRecord_PrintsDnsRecordLine()
    {
        var order = """{"metadata":{"name":"api-1-42"},"status":{"state":"pending"}}""";
        var dns01 = """{"metadata":{"name":"api-1-42-7"},"spec":{"type":"DNS-01","token":"tok","key":"txt-value","solver":{"dns01":{"rfc2136":{"nameserver":"127.0.0.1:5354"}}}},"status":{"state":"pending","processing":true,"presented":true,"solvedBy":"solver-a","resolvedFqdn":"_acme-challenge.example.test.","resolvedZone":"example.test."}}""";
        var http01 = """{"metadata":{"name":"api-1-42-8"},"spec":{"type":"HTTP-01","token":"tok2","key":"tok2.thumb","solver":{"http01":{}}},"status":{"state":"pending","processing":true,"presented":true}}""";

        var text = Print($$"""{"certificate":{{Samples.PendingCertificate}},"order":{{order}},"challenges":[{{dns01}},{{http01}}],"events":[]}""");

        Assert.Contains("""
            - Name: api-1-42-7, Type: DNS-01, Token: tok, Key: txt-value, State: pending, Reason: , Processing: true, Presented: true
              DNS Record: TXT _acme-challenge.example.test. in zone example.test.
              Solver: solver-a (dns01 solver)
            - Name: api-1-42-8,
            """, text);
        Assert.Single(text.Split('\n'), line => line.Contains("DNS Record", StringComparison.Ordinal));
    }

    [Fact]
    public void Format_Dns01ChallengeNotYetResolved_PrintsNoDnsRecordLine()
    {
        var order = """{"metadata":{"name":"api-1-42"},"status":{"state":"pending"}}""";
        var dns01 = """{"metadata":{"name":"api-1-42-7"},"spec":{"type":"DNS-01","token":"tok","key":"txt-value"},"status":{"state":"pending"}}""";

        var text = Print($$"""{"certificate":{{Samples.PendingCertificate}},"order":{{order}},"challenges":[{{dns01}}],"events":[]}""");

        Assert.DoesNotContain("DNS Record", text);
    }

    [Fact]
    public void Format_Dns01ChallengeWithoutZone_PrintsRecordAlone()
    {
        var order = """{"metadata":{"name":"api-1-42"},"status":{"state":"pending"}}""";
        var dns01 = """{"metadata":{"name":"api-1-42-7"},"spec":{"type":"DNS-01"},"status":{"resolvedFqdn":"_acme-challenge.example.test."}}""";

        var text = Print($$"""{"certificate":{{Samples.PendingCertificate}},"order":{{order}},"challenges":[{{dns01}}],"events":[]}""");

        Assert.Contains("\n  DNS Record: TXT _acme-challenge.example.test.\n", text);
    }

    [Theory]
    [InlineData("CN=Example CA, O=Example, C=GB", "GB", "Example", "Example CA")]
    [InlineData("CN=root, O=A, O=B", "", "A, B", "root")]
    [InlineData("CN=a\\,b", "", "", "a,b")]
    [InlineData("", "", "", "")]
    public void DistinguishedName_Parse_ReadsDotNetFormat(string name, string country, string organisation, string commonName)
    {
        var attributes = DistinguishedName.Parse(name);

        Assert.Equal((country, organisation, commonName),
            (DistinguishedName.Get(attributes, "C"), DistinguishedName.Get(attributes, "O"), DistinguishedName.Get(attributes, "CN")));
    }
}
