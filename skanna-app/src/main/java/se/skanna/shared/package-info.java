/** Shared kernel: error codes and the exception that carries them. Every module may use it. */
package se.skanna.shared;
