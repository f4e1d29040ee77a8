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
