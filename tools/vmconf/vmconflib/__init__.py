# SPDX-License-Identifier: Apache-2.0
# The VM layout compiler and checker: parses layouts and board descriptions, checks, allocates, generates.
