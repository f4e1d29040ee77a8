using CertMesh.Domain.Validation;

namespace CertMesh.Api.Manifests;

/// <summary>
/// The errors of one request: the first <see cref="FieldErrors.MaxReported"/> are kept, the rest only counted and
/// reported as one line, so a manifest with 100,000 bad fields answers with a small error list.
/// </summary>
internal sealed class ManifestErrorList
{
    private readonly List<ManifestError> _kept = [];
    private int _omitted;
    private int _firstOmittedDocument;

    public int Count => _kept.Count + _omitted;

    public void Add(ManifestError error)
    {
        if (_kept.Count < FieldErrors.MaxReported)
        {
            _kept.Add(error);
            return;
        }
        AddOmitted(error.DocumentIndex, 1);
    }

    public void AddRange(IEnumerable<ManifestError> errors)
    {
        foreach (var error in errors)
            Add(error);
    }

    /// <summary>Errors already left out elsewhere (a <see cref="ShapeBinder"/> keeps at most as many per document).</summary>
    public void AddOmitted(int documentIndex, int count)
    {
        if (count <= 0)
            return;
        if (_omitted == 0)
            _firstOmittedDocument = documentIndex;
        _omitted += count;
    }

    public IReadOnlyList<ManifestError> ToList() => _omitted == 0
        ? [.. _kept]
        : [.. _kept, new ManifestError(_firstOmittedDocument, null, null, "", FieldErrors.NotShown(_omitted).Message)];
}
