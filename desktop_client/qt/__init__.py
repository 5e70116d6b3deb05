"""Qt adapters: sockets and event-loop glue around the Qt-free core."""
