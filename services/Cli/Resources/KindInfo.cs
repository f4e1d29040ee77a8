namespace CertMesh.Cli.Resources;

/// <summary>A resource kind as stored (<c>Kind</c>) and as kubectl names it (<c>certificates.cert-manager.io</c>).</summary>
internal sealed record KindInfo(string Kind, string Plural, string Group, bool Namespaced, params string[] ShortNames)
{
    public string Singular => Kind.ToLowerInvariant();

    /// <summary><c>certificates.cert-manager.io</c>, or <c>secrets</c> for the core group (as in NotFound errors).</summary>
    public string Resource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary><c>certificate.cert-manager.io</c>, or <c>secret</c> (as in <c>kubectl apply</c> output).</summary>
    public string SingularResource => Group.Length == 0 ? Singular : $"{Singular}.{Group}";
}
