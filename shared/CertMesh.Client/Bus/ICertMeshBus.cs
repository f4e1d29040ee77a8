using MassTransit;

namespace CertMesh.Client.Bus;

/// <summary>
/// The client's own MassTransit bus (a MassTransit multi-bus instance), connected as the application's RabbitMQ user
/// and apart from any bus the application has: its endpoints, user and topology never mix with the application's.
/// </summary>
public interface ICertMeshBus : IBus;
