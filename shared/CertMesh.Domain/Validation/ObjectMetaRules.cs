using System.Text;
using System.Text.RegularExpressions;
using CertMesh.Contracts;

namespace CertMesh.Domain.Validation;

/// <summary>
/// Labels and annotations as Kubernetes' API server checks them: keys are qualified names (<c>prefix/name</c>), label
/// values short names, and all annotations together at most <see cref="ObjectLimits.MaxAnnotationsBytes"/>. Used for a
/// Certificate's metadata and secretTemplate, an Issuer's and a Secret's metadata.
/// </summary>
public static partial class ObjectMetaRules
{
    public static IEnumerable<FieldError> Labels(string field, IReadOnlyDictionary<string, string>? labels)
    {
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            foreach (var problem in KeyErrors(key))
            {
                yield return FieldErrors.Invalid(field, key, problem);
            }
            foreach (var problem in LabelValueErrors(value ?? ""))
            {
                yield return FieldErrors.Invalid($"{field}[{ValueExcerpt.Short(key)}]", value, problem);
            }
        }
    }

    public static IEnumerable<FieldError> Annotations(string field, IReadOnlyDictionary<string, string>? annotations)
    {
        long total = 0;
        foreach (var (key, value) in annotations ?? new Dictionary<string, string>())
        {
            foreach (var problem in KeyErrors(key))
            {
                yield return FieldErrors.Invalid(field, key, problem);
            }
            total += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value ?? "");
        }
        if (total > ObjectLimits.MaxAnnotationsBytes)
        {
            yield return FieldErrors.TooLong(field, total, ObjectLimits.MaxAnnotationsBytes, "bytes (keys and values together)",
                nameof(ObjectLimits.MaxAnnotationsBytes));
        }
    }

    /// <summary>Kubernetes' qualified-name messages, with the key's length rules first so a huge key is not matched whole.</summary>
    public static IEnumerable<string> KeyErrors(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var (prefix, name) = slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
        if (prefix is not null)
        {
            if (prefix.Length == 0)
            {
                yield return "prefix part must be non-empty";
            }
            else if (prefix.Length > ObjectLimits.MaxKeyPrefixLength)
            {
                yield return $"prefix part must be no more than {ObjectLimits.MaxKeyPrefixLength} characters (limit {nameof(ObjectLimits.MaxKeyPrefixLength)})";
            }
            else
            {
                foreach (var problem in KubernetesNames.SubdomainErrors(prefix))
                {
                    yield return $"prefix part {problem}";
                }
            }
        }
        if (name.Length == 0)
        {
            yield return "name part must be non-empty";
        }
        else if (name.Length > ObjectLimits.MaxKeyNameLength)
        {
            yield return $"name part must be no more than {ObjectLimits.MaxKeyNameLength} characters (limit {nameof(ObjectLimits.MaxKeyNameLength)})";
        }
        else if (!QualifiedNamePart().IsMatch(name))
        {
            yield return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an " +
                         "alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc')";
        }
    }

    public static IEnumerable<string> LabelValueErrors(string value)
    {
        if (value.Length > ObjectLimits.MaxLabelValueLength)
        {
            yield return $"must be no more than {ObjectLimits.MaxLabelValueLength} characters (limit {nameof(ObjectLimits.MaxLabelValueLength)})";
        }
        else if (value.Length > 0 && !QualifiedNamePart().IsMatch(value))
        {
            yield return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must " +
                         "start and end with an alphanumeric character (e.g. 'MyValue', or 'my_value', or '12345')";
        }
    }

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex QualifiedNamePart();
}
