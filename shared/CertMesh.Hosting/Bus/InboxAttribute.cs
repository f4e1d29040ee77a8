namespace CertMesh.Hosting.Bus;

/// <summary>
/// The key a transactional consumer's inbox marks are stored under. Written out rather than taken from the class name,
/// so renaming or moving the class never makes a message it already handled look new; never change it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class InboxAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
