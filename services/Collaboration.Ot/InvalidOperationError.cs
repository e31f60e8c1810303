namespace Platform.Collaboration.Ot;

/// <summary>An operation that is malformed or does not fit the document it is applied to. The message says precisely why.</summary>
public sealed class InvalidTextOperationException(string message) : Exception(message);
