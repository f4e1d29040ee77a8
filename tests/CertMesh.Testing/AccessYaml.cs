namespace CertMesh.Testing;

/// <summary>Access manifests as a user writes them (<c>auth.certmesh.io/v1</c>), for fixtures that set principals up
/// through the Api.</summary>
public static class AccessYaml
{
    public static string Principal(string name, string tokenSha256, string? rabbitmqUser = null) => $"""
        apiVersion: auth.certmesh.io/v1
        kind: Principal
        metadata: {"{"}name: {name}{"}"}
        spec:
          tokens: [{"{"}id: t1, sha256: {tokenSha256}{"}"}]
        {(rabbitmqUser is null ? "" : $"  rabbitmqUser: {rabbitmqUser}")}
        """;

    /// <summary>A RoleBinding in <paramref name="namespace"/>, or a ClusterRoleBinding when it is null.</summary>
    public static string Binding(string name, string role, string? @namespace, string principal) => $"""

        ---
        apiVersion: auth.certmesh.io/v1
        kind: {(@namespace is null ? "ClusterRoleBinding" : "RoleBinding")}
        metadata: {"{"}name: {name}, namespace: {@namespace ?? "default"}{"}"}
        spec:
          role: {role}
          subjects: [{"{"}kind: Principal, name: {principal}{"}"}]

        """;

    /// <summary>Every namespace may use every ClusterIssuer: for suites that are not about grants.</summary>
    public const string GrantAllClusterIssuers = """
        apiVersion: auth.certmesh.io/v1
        kind: ClusterIssuerGrant
        metadata: {name: tests-everything}
        spec:
          clusterIssuers: ["*"]
          namespaces: ["*"]

        """;
}
