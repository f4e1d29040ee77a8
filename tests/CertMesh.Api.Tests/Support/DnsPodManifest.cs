namespace CertMesh.Api.Tests.Support;

/// <summary>The DNSPod webhook ClusterIssuer as its README writes it (groupName acme.imroc.cc, solverName dnspod).</summary>
internal static class DnsPodManifest
{
    public const string Issuer = """
        apiVersion: cert-manager.io/v1
        kind: ClusterIssuer
        metadata:
          name: dnspod
        spec:
          acme:
            email: ops@example.com
            server: https://acme-v02.api.letsencrypt.org/directory
            privateKeySecretRef:
              name: dnspod-letsencrypt
            solvers:
            - dns01:
                webhook:
                  groupName: acme.imroc.cc
                  solverName: dnspod
                  config:
                    secretId: AKIDxxxxx
                    secretKeyRef:
                      name: dnspod-secret
                      key: secret-key
                    ttl: 600
                    recordLine: ""
        """;
}
