using System.Text.Json;
using System.Text.Json.Nodes;
using CertMesh.Contracts;
using CertMesh.Domain.Resources;
using CertMesh.Domain.Validation;
using YamlDotNet.RepresentationModel;

namespace CertMesh.Api.Manifests;

/// <summary>
/// Reads a multi-document manifest (what users give <c>kubectl apply -f</c>) of <c>cert-manager.io/v1</c> resources and
/// core <c>v1</c> Secrets: Certificates become <see cref="IssueCertificate"/> commands, Issuers and ClusterIssuers
/// <see cref="Issuer"/> resources, Secrets <see cref="Secret"/>s. Never throws: every problem found is returned as a
/// <see cref="ManifestError"/>. A <c>v1 List</c> (as <c>kubectl get -o yaml</c> prints several resources) is read item by item.
/// Hostile input is bounded first (<see cref="YamlLimits"/>); at most <see cref="FieldErrors.MaxReported"/> errors are kept.
/// </summary>
public static class ManifestReader
{
    public const string DefaultNamespace = "default";

    public static IReadOnlyList<string> SupportedKinds { get; } = [.. ManifestKinds.All.Keys];

    public static ManifestReadResult Read(string yaml)
    {
        var (roots, syntaxError) = YamlDocuments.Load(yaml);
        if (syntaxError is not null) return new([], [syntaxError]);
        var reading = new Reading();
        for (var index = 0; index < roots.Count; index++)
            if (!YamlDocuments.IsEmpty(roots[index]))
                ReadResource(index, roots[index]!, "", reading);
        // Over the resource limit nothing is kept: the limit is the answer, whatever else the resources hold.
        return reading.OverLimit is { } overLimit ? new([], [overLimit]) : new(reading.Documents, reading.Errors.ToList());
    }

    /// <summary>What one read has found so far, and how many resources it has met (List items included).</summary>
    private sealed class Reading
    {
        public List<ManifestDocument> Documents { get; } = [];
        public ManifestErrorList Errors { get; } = new();
        public int Resources { get; set; }
        public ManifestError? OverLimit { get; set; }
    }

    private static void ReadResource(int index, YamlNode root, string path, Reading reading)
    {
        var errors = reading.Errors;
        if (++reading.Resources > YamlLimits.MaxDocuments)
        {
            reading.OverLimit ??= new(index, null, null, path,
                $"too many resources: more than {YamlLimits.MaxDocuments} in one request, List items included (limit {nameof(YamlLimits.MaxDocuments)}); apply them in several requests");
            return;
        }
        if (root is not YamlMappingNode mapping)
        {
            errors.Add(new(index, null, null, path, "expected a resource: a mapping with apiVersion, kind, metadata and spec"));
            return;
        }
        var apiVersion = Scalar(mapping, "apiVersion");
        var kind = Scalar(mapping, "kind");
        var name = Child(mapping, "metadata") is YamlMappingNode meta ? Scalar(meta, "name") : null;
        // Kind and name label every error of this document: a hostile one is shown as a prefix.
        var (shownKind, shownName) = (kind is null ? null : ValueExcerpt.Short(kind), name is null ? null : ValueExcerpt.Short(name));
        void Error(string field, string message) => errors.Add(new(index, shownKind, shownName, Join(path, field), message));

        if (string.IsNullOrEmpty(apiVersion)) Error("apiVersion", "required field is missing");
        if (string.IsNullOrEmpty(kind)) Error("kind", "required field is missing");
        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind)) return;

        if (kind == "List" && apiVersion == "v1")
        {
            reading.Resources--; // a List is not a resource; its items are
            ReadList(index, mapping, path, reading);
            return;
        }
        if (!ManifestKinds.All.TryGetValue(kind, out var manifestKind))
        {
            Error("kind", $"unsupported kind {ValueExcerpt.Quote(kind)}; supported kinds are {string.Join(", ", SupportedKinds)}");
            return;
        }
        if (apiVersion != manifestKind.ApiVersion)
        {
            Error("apiVersion", $"unsupported apiVersion {ValueExcerpt.Quote(apiVersion)} for kind {kind}; expected {manifestKind.ApiVersion}");
            return;
        }

        var fieldErrors = new List<(string Field, string Message)>();
        var binder = new ShapeBinder(fieldErrors);
        var json = binder.Bind(mapping, manifestKind.Document, path) as JsonObject ?? [];
        var resource = new ResourceJson(kind, json, path, fieldErrors);
        var document = fieldErrors.Count == 0 && binder.Omitted == 0 && resource.Complete(manifestKind.HasSpec) ? ToDocument(index, resource) : null;
        foreach (var (field, message) in fieldErrors) errors.Add(new(index, kind, shownName, field, message));
        errors.AddOmitted(index, binder.Omitted + resource.Omitted);
        if (document is not null && fieldErrors.Count == 0) reading.Documents.Add(document);

        string Join(string prefix, string field) => prefix.Length == 0 ? field : $"{prefix}.{field}";
    }

    private static void ReadList(int index, YamlMappingNode list, string path, Reading reading)
    {
        var itemsPath = path.Length == 0 ? "items" : $"{path}.items";
        if (Child(list, "items") is not YamlSequenceNode items)
        {
            reading.Errors.Add(new(index, "List", null, itemsPath, "expected a list of resources"));
            return;
        }
        var i = 0;
        foreach (var item in items) ReadResource(index, item, $"{itemsPath}[{i++}]", reading);
    }

    private static ManifestDocument? ToDocument(int index, ResourceJson resource)
    {
        try
        {
            if (resource.Kind == ResourceKinds.Certificate)
                return new CertificateManifest(index, resource.ToIssueCertificate());
            if (resource.Kind == ResourceKinds.Secret)
                return SecretDocumentReader.Read(resource) is { } secret ? new SecretManifest(index, secret) : null;
            if (AccessManifest.IsAccessKind(resource.Kind))
            {
                var access = resource.ToAccessResource();
                foreach (var (field, message) in AccessRules.Check(access)) resource.AddError(field, message);
                var metadata = resource.ToMetadata();
                return new AccessManifest(index, resource.Kind, metadata.Namespace, metadata.Name, access);
            }
            if (resource.Kind == ResourceKinds.CertificateRequestPolicy)
                return PolicyDocumentReader.Read(index, resource);
            var issuer = resource.ToIssuer();
            foreach (var (field, message) in IssuerRules.Check(issuer.Spec)) resource.AddError(field, message);
            return new IssuerManifest(index, issuer);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            // The binder already typed every field; this is a safety net, not an expected path.
            resource.AddError("spec", e.Message);
            return null;
        }
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode mapping, string key) => (Child(mapping, key) as YamlScalarNode)?.Value;
}
