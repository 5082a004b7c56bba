"""Emulation movements (phong trào thi đua): launched, followed and reviewed."""
