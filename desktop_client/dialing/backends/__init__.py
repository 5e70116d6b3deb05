"""Dial backends: each turns a DialTarget into the exact request it sends."""
