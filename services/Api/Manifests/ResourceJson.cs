using System.Text.Json;
using System.Text.Json.Nodes;
using CertMesh.Contracts;
using CertMesh.Domain.Authorization;
using CertMesh.Domain.Approval;
using CertMesh.Domain.Resources;
using CertMesh.Domain.Validation;

namespace CertMesh.Api.Manifests;

/// <summary>A bound, well-typed resource document on its way to a Contracts or Domain record.</summary>
internal sealed class ResourceJson(string kind, JsonObject json, string path, List<(string Field, string Message)> errors)
{
    public string Kind => kind;

    private JsonObject? Metadata => json["metadata"] as JsonObject;
    private string Name => (string?)Metadata?["name"] ?? "";
    private bool IsClusterScoped => RolePermissions.IsClusterScoped(kind);

    /// <summary>Namespaced kinds default to <c>default</c>; a cluster-scoped kind's namespace is ignored, as Kubernetes does.</summary>
    private string Namespace => IsClusterScoped
        ? ResourceKinds.ClusterNamespace
        : (string?)Metadata?["namespace"] is { Length: > 0 } ns ? ns : ManifestReader.DefaultNamespace;

    public void AddError(string field, string message) =>
        errors.Add((path.Length == 0 ? field : $"{path}.{field}", message));

    /// <summary>Errors found but not kept (a reader keeps at most <see cref="FieldErrors.MaxReported"/>): counted in the answer.</summary>
    public int Omitted { get; private set; }

    public void AddOmitted(int count) => Omitted += count;

    /// <summary>A top-level field of the document as bound (a Secret's <c>data</c>, <c>stringData</c>, <c>type</c>).</summary>
    public JsonNode? Field(string name) => json[name];

    /// <summary>Checks what every resource needs (a valid name and namespace, a spec unless the kind has none); false if it lacks any.</summary>
    public bool Complete(bool hasSpec = true)
    {
        var before = errors.Count;
        if (Name.Length == 0) AddError("metadata.name", "required field is missing");
        else if (ResourceNames.CheckName(Name) is { } nameProblem) AddError("metadata.name", $"invalid value {ValueExcerpt.Quote(Name)}: {nameProblem}");
        if (!IsClusterScoped && ResourceNames.CheckNamespace(Namespace) is { } nsProblem)
            AddError("metadata.namespace", $"invalid value {ValueExcerpt.Quote(Namespace)}: {nsProblem}");
        if (hasSpec && json["spec"] is not JsonObject) AddError("spec", "required field is missing");
        return errors.Count == before;
    }

    public IssueCertificate ToIssueCertificate() => new()
    {
        Namespace = Namespace,
        Name = Name,
        Labels = Map("labels"),
        Annotations = Map("annotations"),
        Spec = json["spec"].Deserialize<CertificateSpec>(ManifestJson.Options) ?? new(),
    };

    public Issuer ToIssuer() => new()
    {
        Kind = kind,
        Metadata = ToMetadata(),
        Spec = json["spec"].Deserialize<IssuerSpec>(ManifestJson.Options) ?? new(),
    };

    /// <summary>A Principal, RoleBinding, ClusterRoleBinding or ClusterIssuerGrant as its Domain record.</summary>
    public object ToAccessResource() => kind switch
    {
        AuthKinds.Principal => new Principal { Metadata = ToMetadata(), Spec = Spec<PrincipalSpec>() },
        AuthKinds.RoleBinding or AuthKinds.ClusterRoleBinding => new RoleBinding { Kind = kind, Metadata = ToMetadata(), Spec = Spec<RoleBindingSpec>() },
        AuthKinds.ClusterIssuerGrant => new ClusterIssuerGrant { Metadata = ToMetadata(), Spec = Spec<ClusterIssuerGrantSpec>() },
        ResourceKinds.Namespace => new Namespace { Metadata = ToMetadata() },
        _ => throw new InvalidOperationException($"{kind} is not an access kind"),
    };

    private T Spec<T>() where T : new() => json["spec"].Deserialize<T>(ManifestJson.Options) ?? new T();

    public CertificateRequestPolicy ToPolicy() => new()
    {
        Metadata = ToMetadata(),
        Spec = json["spec"].Deserialize<CertificateRequestPolicySpec>(ManifestJson.Options) ?? new(),
    };

    public ObjectMeta ToMetadata() => new() { Namespace = Namespace, Name = Name, Labels = Map("labels"), Annotations = Map("annotations") };

    private Dictionary<string, string>? Map(string field) =>
        Metadata?[field]?.Deserialize<Dictionary<string, string>>(ManifestJson.Options);
}
