"""The Qt-free core: numbers, directory, journal, settings. Nothing here imports Qt."""
