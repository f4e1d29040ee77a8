using System.Text.Json;
using CertMesh.Contracts;

namespace CertMesh.Domain.Validation;

/// <summary>One small check of a block still kept as raw JSON (a solver's <c>dns01</c>, one DNS provider) whose path is
/// <paramref name="field"/>; returns every problem it finds.</summary>
public delegate IEnumerable<FieldError> JsonBlockRule(string field, JsonElement block);
