using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CertMesh.Domain.Authorization;
using CertMesh.Domain.Approval;
using CertMesh.Domain.Resources;

namespace CertMesh.Api.Manifests;

/// <summary>
/// Resources as <c>kubectl get -o json</c> / <c>-o yaml</c> print them: <c>apiVersion</c>, <c>kind</c>,
/// <c>metadata</c> (resourceVersion as a string), camelCase <c>spec</c> and <c>status</c> without nulls.
/// CertMesh's internal bookkeeping (supplied CSR, issuing id, issued-spec hash) is never printed.
/// </summary>
public static class ResourcePrinter
{
    public static JsonObject ToJson(Certificate certificate)
    {
        var spec = Node(certificate.Spec);
        OmitFalse(spec, "isCA");
        var status = Node(certificate.Status);
        status.Remove("issuingId");
        status.Remove("issuedSpecHash");
        OmitEmpty(status, "conditions");
        return Resource(ResourceKinds.ApiVersion, ResourceKinds.Certificate, certificate.Metadata, namespaced: true, spec, status);
    }

    /// <summary>PEM fields are base64 as in cert-manager's API (<c>[]byte</c> fields): <c>spec.request</c>, <c>status.certificate</c>, <c>status.ca</c>.</summary>
    public static JsonObject ToJson(CertificateRequest request)
    {
        var spec = Node(request.Spec with { Request = Base64(request.Spec.Request)! });
        OmitFalse(spec, "isCA");
        var status = Node(request.Status with { Certificate = Base64(request.Status.Certificate), Ca = Base64(request.Status.Ca) });
        OmitEmpty(status, "conditions");
        return Resource(ResourceKinds.ApiVersion, ResourceKinds.CertificateRequest, request.Metadata, namespaced: true, spec, status);
    }

    public static JsonObject ToJson(Issuer issuer)
    {
        var status = Node(issuer.Status);
        OmitEmpty(status, "conditions");
        var namespaced = issuer.Kind != ResourceKinds.ClusterIssuer;
        return Resource(ResourceKinds.ApiVersion, issuer.Kind, issuer.Metadata, namespaced, Node(issuer.Spec), status);
    }

    /// <summary>As approver-policy prints it; CertMesh keeps no status for a policy (it is checked when applied).</summary>
    public static JsonObject ToJson(CertificateRequestPolicy policy) =>
        Resource(CertificateRequestPolicy.ApiVersion, ResourceKinds.CertificateRequestPolicy, policy.Metadata, namespaced: false, Node(policy.Spec), []);

    /// <summary>As cert-manager prints it (<c>acme.cert-manager.io/v1</c>); the CSR and chain are base64 like its <c>[]byte</c> fields.</summary>
    public static JsonObject ToJson(Order order)
    {
        var spec = Node(order.Spec with { Request = Base64(order.Spec.Request)! });
        spec.Remove("issuanceId");
        var status = Node(order.Status with { Certificate = Base64(order.Status.Certificate) });
        OmitEmpty(status, "authorizations");
        return Resource(AcmeApiVersion, ResourceKinds.Order, order.Metadata, namespaced: true, spec, status);
    }

    public static JsonObject ToJson(Challenge challenge)
    {
        var spec = Node(challenge.Spec);
        spec.Remove("orderId");
        return Resource(AcmeApiVersion, ResourceKinds.Challenge, challenge.Metadata, namespaced: true, spec, Node(challenge.Status));
    }

    const string AcmeApiVersion = "acme.cert-manager.io/v1";

    /// <summary>Access kinds have no status; a principal's tokens show as stored (their hashes, never a token).</summary>
    public static JsonObject ToJson(Principal principal) => Access(principal.Kind, principal.Metadata, Node(principal.Spec));

    public static JsonObject ToJson(RoleBinding binding) => Access(binding.Kind, binding.Metadata, Node(binding.Spec));

    public static JsonObject ToJson(ClusterIssuerGrant grant) => Access(grant.Kind, grant.Metadata, Node(grant.Spec));

    public static JsonObject ToJson(Namespace ns) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = ResourceKinds.Namespace,
        ["metadata"] = Metadata(ns.Metadata, namespaced: false),
    };

    static JsonObject Access(string kind, ObjectMeta metadata, JsonObject spec)
    {
        var json = Resource(AuthKinds.ApiVersion, kind, metadata, namespaced: kind == AuthKinds.RoleBinding, spec, []);
        json.Remove("status");
        return json;
    }

    public static JsonObject ToJson(Secret secret)
    {
        var data = new JsonObject();
        foreach (var (key, value) in secret.Data.OrderBy(d => d.Key, StringComparer.Ordinal))
            data[key] = Convert.ToBase64String(value);
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = ResourceKinds.Secret,
            ["metadata"] = Metadata(secret.Metadata, namespaced: true),
            ["type"] = secret.Type,
            ["data"] = data,
        };
    }

    /// <summary>Several resources, as kubectl prints a list.</summary>
    public static JsonObject List(IEnumerable<JsonNode> items) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "List",
        ["items"] = new JsonArray([.. items.Select(i => i.DeepClone())]),
    };

    /// <summary>Indented JSON (four spaces, as kubectl).</summary>
    public static string ToJsonText(JsonNode node) => node.ToJsonString(PrintJson.Indented);

    /// <summary>The same document as YAML, in kubectl's layout; reads back to the same JSON.</summary>
    public static string ToYaml(JsonNode node) => YamlEmitter.Emit(node);

    private static JsonObject Resource(string apiVersion, string kind, ObjectMeta metadata, bool namespaced, JsonObject spec, JsonObject status) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["metadata"] = Metadata(metadata, namespaced),
        ["spec"] = spec,
        ["status"] = status,
    };

    private static JsonObject Metadata(ObjectMeta meta, bool namespaced)
    {
        var json = new JsonObject();
        if (namespaced) json["namespace"] = meta.Namespace;
        json["name"] = meta.Name;
        json["uid"] = meta.Uid.ToString();
        if (meta.Generation != 0) json["generation"] = meta.Generation;
        json["resourceVersion"] = meta.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        json["creationTimestamp"] = PrintJson.Time(meta.CreationTimestamp);
        if (meta.Labels is { Count: > 0 } labels) json["labels"] = Node(labels);
        if (meta.Annotations is { Count: > 0 } annotations) json["annotations"] = Node(annotations);
        return json;
    }

    private static JsonObject Node<T>(T value) => JsonSerializer.SerializeToNode(value, PrintJson.Options)!.AsObject();

    private static void OmitFalse(JsonObject json, string field)
    {
        if (json[field] is JsonValue v && v.GetValueKind() == JsonValueKind.False) json.Remove(field);
    }

    private static void OmitEmpty(JsonObject json, string field)
    {
        if (json[field] is JsonArray { Count: 0 }) json.Remove(field);
    }

    private static string? Base64(string? pem) => pem is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
}
