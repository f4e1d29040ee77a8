using CertMesh.Domain.Approval;

namespace CertMesh.Api.Manifests;

/// <summary>A CertificateRequestPolicy document: bound to the Domain record and validated as approver-policy's webhook
/// would (plus CertMesh's limits), every error naming its field.</summary>
internal static class PolicyDocumentReader
{
    public static PolicyManifest? Read(int index, ResourceJson resource)
    {
        var policy = resource.ToPolicy();
        var errors = PolicyValidator.Errors(policy).ToList();
        foreach (var error in errors)
            resource.AddError(error.Field, error.Message);
        return errors.Count == 0 ? new PolicyManifest(index, policy) : null;
    }
}
