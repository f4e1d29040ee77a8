namespace CertMesh.Cli.Tests.Support;

/// <summary>API answers as the server prints them (kubectl JSON).</summary>
internal static class Samples
{
    public const string ReadyCertificate = """
        {"apiVersion":"cert-manager.io/v1","kind":"Certificate",
         "metadata":{"namespace":"shop","name":"web","uid":"u1","generation":2,"resourceVersion":"7","creationTimestamp":"2024-05-01T11:55:00Z"},
         "spec":{"secretName":"web-tls","issuerRef":{"name":"ca","kind":"Issuer"},"dnsNames":["web.example.com","www.example.com"]},
         "status":{"conditions":[{"type":"Ready","status":"True","reason":"Ready","message":"Certificate is up to date and has not expired",
                                  "lastTransitionTime":"2024-05-01T11:56:00Z","observedGeneration":2}],
                   "notBefore":"2024-05-01T11:56:00Z","notAfter":"2024-07-30T11:56:00Z","renewalTime":"2024-06-30T11:56:00Z","revision":1}}
        """;

    public const string PendingCertificate = """
        {"apiVersion":"cert-manager.io/v1","kind":"Certificate",
         "metadata":{"namespace":"shop","name":"api","uid":"u2","generation":1,"resourceVersion":"3","creationTimestamp":"2024-04-28T12:00:00Z"},
         "spec":{"secretName":"api-tls","issuerRef":{"name":"letsencrypt","kind":"ClusterIssuer"}},
         "status":{"conditions":[{"type":"Ready","status":"False","reason":"DoesNotExist","message":"Issuing certificate as Secret does not exist","lastTransitionTime":"2024-04-28T12:00:00Z"},
                                 {"type":"Issuing","status":"True","reason":"DoesNotExist","message":"Issuing certificate as Secret does not exist","lastTransitionTime":"2024-04-28T12:00:00Z"}]}}
        """;

    public static string List(params string[] items) => $$"""{"apiVersion":"v1","kind":"List","items":[{{string.Join(",", items)}}]}""";
}

/// <summary>The auth kinds and the audit log as the Api serves them.</summary>
internal static class AuthSamples
{
    public const string Principal = """
        {"apiVersion":"auth.certmesh.io/v1","kind":"Principal",
         "metadata":{"name":"ci","uid":"p1","creationTimestamp":"2024-04-30T12:00:00Z"},
         "spec":{"description":"the deploy pipeline","rabbitmqUser":"ci-bus","disabled":false,"tokens":[
           {"id":"ci-1","sha256":"aa","revoked":true},
           {"id":"ci-2","sha256":"bb","expires":"2024-05-01T11:00:00Z"},
           {"id":"ci-3","sha256":"cc","expires":"2024-06-01T00:00:00Z"},
           {"id":"ci-4","sha256":"dd"}]}}
        """;

    public const string DisabledPrincipal = """
        {"apiVersion":"auth.certmesh.io/v1","kind":"Principal",
         "metadata":{"name":"old","uid":"p2","creationTimestamp":"2024-04-01T12:00:00Z"},
         "spec":{"disabled":true}}
        """;

    public const string RoleBinding = """
        {"apiVersion":"auth.certmesh.io/v1","kind":"RoleBinding",
         "metadata":{"namespace":"shop","name":"shop-editors","uid":"b1","creationTimestamp":"2024-05-01T11:00:00Z"},
         "spec":{"role":"edit","subjects":[{"kind":"Principal","name":"alice"},{"kind":"Principal","name":"ci"}]}}
        """;

    public const string ClusterIssuerGrant = """
        {"apiVersion":"auth.certmesh.io/v1","kind":"ClusterIssuerGrant",
         "metadata":{"name":"public-acme","uid":"g1","creationTimestamp":"2024-05-01T11:58:00Z"},
         "spec":{"clusterIssuers":["letsencrypt"],"namespaces":["shop","blog"]}}
        """;

    public const string Events = """
        {"items":[
          {"time":"2024-05-01T11:59:30Z","actor":"ci (token ci-4)","via":"api","verb":"apply","kind":"Certificate","namespace":"shop","name":"web","outcome":"Forbidden","message":"principal \"ci\" cannot apply Certificate in namespace \"shop\" (needs role edit in namespace \"shop\")"},
          {"time":"2024-05-01T11:58:00Z","actor":"anonymous","via":"api","verb":"POST /api/apply","kind":"","namespace":"","name":"","outcome":"Unauthorized","message":"the bearer token is not valid; from 127.0.0.1"},
          {"time":"2024-05-01T11:50:00Z","actor":"alice (token laptop)","via":"api","verb":"renew","kind":"Certificate","namespace":"shop","name":"web","outcome":"Allowed","message":"renewal requested"}]}
        """;
}
