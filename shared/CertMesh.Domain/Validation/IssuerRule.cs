using CertMesh.Contracts;
using CertMesh.Domain.Resources;

namespace CertMesh.Domain.Validation;

/// <summary>One small Issuer/ClusterIssuer check; returns every problem it finds.</summary>
public delegate IEnumerable<FieldError> IssuerRule(Issuer issuer);
