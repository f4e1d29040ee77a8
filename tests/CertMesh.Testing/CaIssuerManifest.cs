namespace CertMesh.Testing;

/// <summary>
/// The smallest CA setup a suite issues from, as a user would apply it: a self-signed ClusterIssuer, an isCA
/// Certificate it signs in <c>cert-manager</c>, and a CA ClusterIssuer signing with that certificate's Secret.
/// </summary>
public static class CaIssuerManifest
{
    public static string Yaml(string selfSignedIssuer, string caIssuer, string rootName, string commonName) => $"""
        apiVersion: cert-manager.io/v1
        kind: ClusterIssuer
        metadata:
          name: {selfSignedIssuer}
        spec:
          selfSigned: {"{}"}
        ---
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata:
          name: {rootName}
          namespace: cert-manager
        spec:
          isCA: true
          commonName: {commonName}
          secretName: {rootName}
          issuerRef:
            name: {selfSignedIssuer}
            kind: ClusterIssuer
        ---
        apiVersion: cert-manager.io/v1
        kind: ClusterIssuer
        metadata:
          name: {caIssuer}
        spec:
          ca:
            secretName: {rootName}
        """;
}
